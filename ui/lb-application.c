/* lb-application.c: process-wide actions, accelerators and the command line.
 *
 * The database a window shows comes from `--db FILE`, else $LINKBENCH_DB of the process
 * that was started, else lb_store_default_path(). Options are parsed in the primary
 * instance (G_APPLICATION_HANDLES_COMMAND_LINE) so that a second `linkbench --db other.db`
 * opens a window on the right file, resolved against the caller's working directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-core.h"

#include "lb-application.h"
#include "lb-preferences-window.h"
#include "lb-settings.h"
#include "lb-window.h"

struct _LbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LbApplication, lb_application, ADW_TYPE_APPLICATION)

LbApplication *
lb_application_new (void)
{
  return g_object_new (LB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_SEND_ENVIRONMENT,
                       NULL);
}

/* A window already showing @path, so a second launch raises it instead of opening the
 * same file twice. */
static LbWindow *
find_window_for_path (LbApplication *self,
                      const char    *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (LB_IS_WINDOW (l->data) && g_strcmp0 (lb_window_get_home_path (l->data), path) == 0)
        return l->data;
    }
  return NULL;
}

static void
open_window (LbApplication *self,
             const char    *path)
{
  LbWindow *window = find_window_for_path (self, path);

  if (window == NULL)
    window = lb_window_new (GTK_APPLICATION (self), path);
  gtk_window_present (GTK_WINDOW (window));
}

static void
lb_application_activate (GApplication *app)
{
  LbApplication *self = LB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = lb_store_default_path ();
  open_window (self, path);
}

static int
lb_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  LbApplication *self = LB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  const char *env;

  if (g_variant_dict_lookup (options, "db", "^ay", &db) && db != NULL && *db != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, db);

      path = g_file_get_path (file);
    }
  else if ((env = g_application_command_line_getenv (cmdline, "LINKBENCH_DB")) != NULL && *env != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, env);

      path = g_file_get_path (file);
    }
  else
    path = lb_store_default_path ();

  open_window (self, path);
  return EXIT_SUCCESS;
}

static int
lb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "linkbench", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  return G_APPLICATION_CLASS (lb_application_parent_class)->handle_local_options (app, options);
}

static void
lb_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Linkbench developers", NULL };
  LbApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Linkbench"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Linkbench developers"),
                         "developers", developers,
                         "website", "https://github.com/linkbench/linkbench",
                         "issue-url", "https://github.com/linkbench/linkbench/issues",
                         "comments", _("Evidence, rehearsals and go/no-go decisions for "
                                       "SQL Server to Azure SQL Managed Instance links"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", _("© The Linkbench developers"),
                         /* TRANSLATORS: your name(s), one per line, for the About window */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
lb_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  LbApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not destroying) lets each window save its size first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
}

/* app.new-project and app.open-demo act on the active window, opening one when there is
 * none (e.g. from a desktop action). */
static void
forward_to_window (LbApplication *self,
                   const char    *action_name)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), action_name, NULL);
}

static void
lb_application_new_project_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  forward_to_window (user_data, "win.new-project");
}

static void
lb_application_open_demo_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  forward_to_window (user_data, "win.open-demo");
}

static void
lb_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  LbApplication *self = user_data;
  LbPreferencesWindow *window = lb_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
  else
    g_warning ("The settings schema %s is not installed: there are no preferences to show", LB_SETTINGS_SCHEMA_ID);
}

static const GActionEntry app_actions[] = {
  { "about", lb_application_about_action },
  { "preferences", lb_application_preferences_action },
  { "quit", lb_application_quit_action },
  { "new-project", lb_application_new_project_action },
  { "open-demo", lb_application_open_demo_action },
};

static void
lb_application_startup (GApplication *app)
{
  static const char *new_project_accels[] = { "<Control>n", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *edit_accels[] = { "<Control>e", NULL };
  static const char *portfolio_accels[] = { "<Alt>Home", NULL };
  static const char *export_report_accels[] = { "<Control><Shift>e", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  LbApplication *self = LB_APPLICATION (app);

  G_APPLICATION_CLASS (lb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-project", new_project_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.edit-project", edit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-portfolio", portfolio_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-report", export_report_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

static void
lb_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (lb_application_parent_class)->constructed (object);

  /* The .Devel app id must still find style.css, gtk/menus.ui and the help overlay. */
  g_application_set_resource_base_path (G_APPLICATION (object), RESOURCE_BASE);
}

static void
lb_application_class_init (LbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = lb_application_constructed;

  app_class->activate = lb_application_activate;
  app_class->command_line = lb_application_command_line;
  app_class->handle_local_options = lb_application_handle_local_options;
  app_class->startup = lb_application_startup;
}

static void
lb_application_init (LbApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the project database FILE"), N_("FILE") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan, rehearse and document SQL Server to Azure SQL "
                                              "Managed Instance links."));
}
