/* lb-profiles-dialog.c
 *
 * Profiles are edited in the generic record dialog (so the kind's rules and hints apply);
 * everything that reaches the keyring or a server runs on a worker: Test Connection with
 * lb_sql_profile_test_async(), passwords with lb_sql_secret_store_async() (the password
 * dialog) and forgetting one on a GTask thread. What the last test found stays in the
 * profile's row while the window is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-profiles-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-delete-confirmation.h"
#include "lb-error-dialog.h"
#include "lb-kind-info.h"
#include "lb-password-dialog.h"
#include "lb-profiles-dialog.h"
#include "lb-record-dialog.h"

typedef struct
{
  char     *text;
  gboolean  ok;
} TestResult;

struct _LbProfilesDialog
{
  LbListDialog  parent_instance;

  gint64        project_id;
  GHashTable   *tests;       /* gint64 profile id → GCancellable*, while a test runs */
  GHashTable   *results;     /* gint64 profile id → TestResult* */
  GCancellable *cancellable; /* everything else on a worker; cancelled when the window goes */
};

G_DEFINE_FINAL_TYPE (LbProfilesDialog, lb_profiles_dialog, LB_TYPE_LIST_DIALOG)

static void
test_result_free (gpointer data)
{
  TestResult *result = data;

  g_free (result->text);
  g_free (result);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static LbConnectionProfile *
get_profile (LbProfilesDialog *self,
             gint64            id)
{
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile = lb_store_get (lb_list_dialog_get_store (LB_LIST_DIALOG (self)),
                                               &lb_connection_profile_kind, id, &error);

  if (profile == NULL)
    lb_list_dialog_show_error (LB_LIST_DIALOG (self), _("Could Not Read the Profile"), error);
  return profile;
}

/* "SQL Server · sql01:1433 · linkbench, SQL login" */
static char *
describe_profile (const LbConnectionProfile *profile)
{
  g_autofree char *server = lb_sql_profile_server_label (profile);
  g_autofree char *side = lb_record_field_to_display (lb_record_kind_find_field (&lb_connection_profile_kind, "side"),
                                                      profile);
  g_autofree char *auth = lb_record_field_to_display (lb_record_kind_find_field (&lb_connection_profile_kind, "auth"),
                                                      profile);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s · %s", side != NULL ? side : "", server);
  if (profile->login != NULL)
    /* TRANSLATORS: a login and how it signs in, " · linkbench, SQL login" */
    g_string_append_printf (text, _(" · %s, %s"), profile->login, auth != NULL ? auth : "");
  else if (auth != NULL)
    g_string_append_printf (text, " · %s", auth);
  return g_string_free (text, FALSE);
}

/* ---- rows ------------------------------------------------------------------------------- */

static GMenuModel *
new_row_menu (const LbConnectionProfile *profile)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  struct { const char *label; const char *action; gboolean sql_login_only; } items[] = {
    { N_("_Test Connection"), "profiles.test", FALSE },
    { N_("Set _Password…"), "profiles.set-password", TRUE },
    { N_("_Forget Password"), "profiles.forget-password", TRUE },
  };
  gboolean sql_login = profile->auth == LB_AUTH_SQL_LOGIN && profile->login != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (items[i].sql_login_only && !sql_login)
        continue;
      item = g_menu_item_new (_(items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (profile->id));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  {
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
    g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete…"), NULL);

    g_menu_item_set_action_and_target_value (edit, "profiles.edit", g_variant_new_int64 (profile->id));
    g_menu_item_set_action_and_target_value (delete, "profiles.delete", g_variant_new_int64 (profile->id));
    g_menu_append_item (section, edit);
    g_menu_append_item (section, delete);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static void
on_row_activated (AdwActionRow *row,
                  gpointer      user_data)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "lb-profile-id");

  gtk_widget_activate_action (GTK_WIDGET (row), "profiles.edit", "x", *id);
}

static GtkWidget *
new_profile_row (LbProfilesDialog          *self,
                 const LbConnectionProfile *profile)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_strdup_printf ("profile-%" G_GINT64_FORMAT, profile->id);
  g_autofree char *subtitle = describe_profile (profile);
  g_autofree char *warning = lb_sql_profile_security_warning (profile);
  g_autofree char *menu_label = g_strdup_printf (_("Actions for “%s”"), profile->name);
  g_autoptr(GMenuModel) menu = new_row_menu (profile);
  const TestResult *result = g_hash_table_lookup (self->results, &profile->id);
  GtkWidget *menu_button = gtk_menu_button_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile->name);
  if (profile->auth != LB_AUTH_SQL_LOGIN)
    {
      /* TRANSLATORS: appended to a profile's description */
      char *text = g_strdup_printf (_("%s · not supported for connecting yet"), subtitle);

      g_free (subtitle);
      subtitle = text;
    }
  if (result != NULL)
    {
      char *text = g_strdup_printf ("%s\n%s", subtitle, result->text);

      g_free (subtitle);
      subtitle = text;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "lb-profile-id", id_key (profile->id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);

  if (warning != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      /* TRANSLATORS: accessible label of the warning icon of a profile */
      g_autofree char *label = g_strdup_printf (_("Security warning: %s"), warning);

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_add_css_class (icon, "security-warning");
      gtk_widget_set_tooltip_text (icon, warning);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  if (g_hash_table_contains (self->tests, &profile->id))
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spinner, _("Testing the connection…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Testing the connection…"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
    }
  else
    {
      GtkWidget *test = gtk_button_new_with_label (_("Test"));
      /* TRANSLATORS: accessible label of a profile's Test button */
      g_autofree char *test_label = g_strdup_printf (_("Test the connection of “%s”"), profile->name);

      gtk_widget_set_valign (test, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (test, "flat");
      gtk_widget_set_tooltip_text (test, _("Sign in and ask the server who it is"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (test), GTK_ACCESSIBLE_PROPERTY_LABEL, test_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (test), "profiles.test");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (test), g_variant_new_int64 (profile->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), test);
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);
  return row;
}

static void
lb_profiles_dialog_reload (LbListDialog *dialog)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (dialog);
  LbStore *store = lb_list_dialog_get_store (dialog);
  AdwPreferencesGroup *group = lb_list_dialog_get_group (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = lb_store_list_for_project (store, &lb_connection_profile_kind, self->project_id,
                                                             &error);
  LbProject *project = lb_store_get (store, &lb_project_kind, self->project_id, NULL);
  g_autofree char *description = NULL;

  if (profiles == NULL)
    {
      adw_preferences_group_set_description (group, error->message);
      g_clear_pointer (&project, lb_record_free);
      return;
    }
  if (project != NULL)
    adw_window_title_set_subtitle (ADW_WINDOW_TITLE (adw_header_bar_get_title_widget (
                                     lb_list_dialog_get_header_bar (dialog))), project->name);
  if (profiles->len == 0)
    description = g_strdup (_("No profiles yet. Add one for the SQL Server primary of the link to check its "
                              "prerequisites and sample its lag."));
  else
    description = g_strdup (_("How Linkbench reaches the project’s SQL Server and managed instance. Passwords are "
                              "kept in the keyring, never in the project database."));
  adw_preferences_group_set_description (group, description);
  for (guint i = 0; i < profiles->len; i++)
    lb_list_dialog_add_row (dialog, new_profile_row (self, profiles->pdata[i]));
  g_clear_pointer (&project, lb_record_free);
}

static gboolean
lb_profiles_dialog_concerns (LbListDialog *dialog,
                             const char   *entity)
{
  return g_strcmp0 (entity, lb_connection_profile_kind.table) == 0 || g_strcmp0 (entity, lb_project_kind.table) == 0;
}

/* ---- Test Connection -------------------------------------------------------------------- */

typedef struct
{
  LbProfilesDialog *self;
  gint64            id;
  char             *name;
  char             *login;
} TestJob;

static void
test_job_free (TestJob *job)
{
  g_object_unref (job->self);
  g_free (job->name);
  g_free (job->login);
  g_free (job);
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TestJob *job = user_data;
  LbProfilesDialog *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = lb_sql_profile_test_finish (result, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  TestResult *found;

  /* The window went meanwhile. */
  if (self->tests == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->tests != NULL)
        g_hash_table_remove (self->tests, &job->id);
      test_job_free (job);
      return;
    }
  g_hash_table_remove (self->tests, &job->id);
  found = g_new0 (TestResult, 1);
  found->ok = description != NULL;
  /* TRANSLATORS: under a profile, "Tested 14:05:09: SQL01 (16.0.4125.3, Enterprise Edition)" */
  found->text = g_strdup_printf (_("Tested %s: %s"), time, description != NULL ? description : error->message);
  g_hash_table_replace (self->results, id_key (job->id), found);
  lb_list_dialog_reload (LB_LIST_DIALOG (self));
  if (description != NULL)
    {
      /* TRANSLATORS: a toast, "Connected to SQL01 (16.0.4125.3, Enterprise Edition) as linkbench" */
      g_autofree char *message = g_strdup_printf (_("Connected to %s as %s"), description,
                                                  job->login != NULL ? job->login : "?");

      lb_list_dialog_toast (LB_LIST_DIALOG (self), message);
    }
  else
    {
      /* TRANSLATORS: an error dialog's heading, "Could Not Connect With “ERP source”" */
      g_autofree char *heading = g_strdup_printf (_("Could Not Connect With “%s”"), job->name);

      lb_error_dialog_show (GTK_WIDGET (self), heading, error->message);
    }
  test_job_free (job);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (widget);
  gint64 id = g_variant_get_int64 (parameter);
  LbConnectionProfile *profile;
  GCancellable *cancellable;
  TestJob *job;

  if (g_hash_table_contains (self->tests, &id) || (profile = get_profile (self, id)) == NULL)
    return;
  cancellable = g_cancellable_new ();
  g_hash_table_insert (self->tests, id_key (id), cancellable);
  job = g_new0 (TestJob, 1);
  job->self = g_object_ref (self);
  job->id = id;
  job->name = g_strdup (profile->name);
  job->login = g_strdup (profile->login);
  /* The worker looks the password up itself; it never passes through here. */
  lb_sql_profile_test_async (profile, cancellable, on_tested, job);
  lb_record_free (profile);
  lb_list_dialog_reload (LB_LIST_DIALOG (self));
}

/* ---- passwords -------------------------------------------------------------------------- */

static void
on_password_saved (LbProfilesDialog *self,
                   LbPasswordDialog *dialog)
{
  lb_list_dialog_toast (LB_LIST_DIALOG (self), _("Password saved in the keyring"));
}

static void
set_password_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (widget);
  LbConnectionProfile *profile = get_profile (self, g_variant_get_int64 (parameter));
  LbPasswordDialog *dialog;

  if (profile == NULL)
    return;
  if (profile->login == NULL)
    {
      lb_error_dialog_show (widget, _("No Login"), _("The profile names no login to keep a password for: edit it "
                                                     "first."));
      lb_record_free (profile);
      return;
    }
  dialog = lb_password_dialog_new (GTK_WINDOW (self), profile);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_password_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  lb_record_free (profile);
}

static void
forget_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (lb_sql_secret_clear (data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_forgotten (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    lb_list_dialog_toast (LB_LIST_DIALOG (self), _("Password removed from the keyring"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lb_list_dialog_show_error (LB_LIST_DIALOG (self), _("Could Not Forget the Password"), error);
}

static void
forget_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (widget);
  LbConnectionProfile *profile = get_profile (self, g_variant_get_int64 (parameter));
  g_autoptr(GTask) task = NULL;

  if (profile == NULL)
    return;
  task = g_task_new (self, self->cancellable, on_forgotten, NULL);
  g_task_set_task_data (task, profile, lb_record_free);
  g_task_run_in_thread (task, forget_thread);
}

/* ---- records ---------------------------------------------------------------------------- */

static void
on_profile_saved (LbProfilesDialog *self,
                  gint64            id,
                  gboolean          created,
                  LbRecordDialog   *dialog)
{
  LbConnectionProfile *profile = lb_store_get (lb_list_dialog_get_store (LB_LIST_DIALOG (self)),
                                               &lb_connection_profile_kind, id, NULL);
  g_autofree char *message = NULL;

  if (profile == NULL)
    return;
  /* The server or login may have changed: an old test says nothing about the new one. */
  g_hash_table_remove (self->results, &id);
  message = g_strdup_printf (created ? _("“%s” added") : _("“%s” saved"), profile->name);
  lb_list_dialog_toast (LB_LIST_DIALOG (self), message);
  lb_record_free (profile);
}

static void
open_record_dialog (LbProfilesDialog *self,
                    gint64            id,
                    gconstpointer     template_record)
{
  LbRecordDialog *dialog = lb_record_dialog_new (GTK_WINDOW (self), lb_list_dialog_get_store (LB_LIST_DIALOG (self)),
                                                 &lb_connection_profile_kind, id, template_record);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_profile_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (widget);
  gpointer profile = lb_kind_info_new_record (lb_kind_info_lookup (&lb_connection_profile_kind), NULL,
                                              self->project_id);

  open_record_dialog (self, 0, profile);
  lb_record_free (profile);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_record_dialog (LB_PROFILES_DIALOG (widget), g_variant_get_int64 (parameter), NULL);
}

static void
on_deleted (GtkWidget    *owner,
            const char   *name,
            const GError *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      lb_list_dialog_show_error (LB_LIST_DIALOG (owner), _("Could Not Delete the Profile"), error);
      return;
    }
  message = g_strdup_printf (_("“%s” deleted"), name);
  lb_list_dialog_toast (LB_LIST_DIALOG (owner), message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (widget);

  lb_delete_confirmation_run (widget, lb_list_dialog_get_store (LB_LIST_DIALOG (self)), &lb_connection_profile_kind,
                              g_variant_get_int64 (parameter),
                              _(lb_kind_info_lookup (&lb_connection_profile_kind)->delete_body), on_deleted);
}

/* ---- public API ------------------------------------------------------------------------- */

LbProfilesDialog *
lb_profiles_dialog_new (GtkWindow *parent,
                        LbStore   *store,
                        gint64     project_id)
{
  LbProfilesDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (project_id > 0, NULL);

  self = g_object_new (LB_TYPE_PROFILES_DIALOG, "transient-for", parent, NULL);
  self->project_id = project_id;
  lb_list_dialog_set_store (LB_LIST_DIALOG (self), store);
  return self;
}

gint64
lb_profiles_dialog_get_project_id (LbProfilesDialog *self)
{
  g_return_val_if_fail (LB_IS_PROFILES_DIALOG (self), 0);
  return self->project_id;
}

GtkWidget *
lb_profiles_dialog_get_row (LbProfilesDialog *self,
                            gint64            profile_id)
{
  LbListDialog *dialog = LB_LIST_DIALOG (self);

  g_return_val_if_fail (LB_IS_PROFILES_DIALOG (self), NULL);

  for (guint i = 0; i < lb_list_dialog_get_n_rows (dialog); i++)
    {
      GtkWidget *row = lb_list_dialog_get_row (dialog, i);
      gint64 *id = g_object_get_data (G_OBJECT (row), "lb-profile-id");

      if (id != NULL && *id == profile_id)
        return row;
    }
  return NULL;
}

gboolean
lb_profiles_dialog_is_testing (LbProfilesDialog *self,
                               gint64            profile_id)
{
  g_return_val_if_fail (LB_IS_PROFILES_DIALOG (self), FALSE);
  return g_hash_table_contains (self->tests, &profile_id);
}

const char *
lb_profiles_dialog_get_test_result (LbProfilesDialog *self,
                                    gint64            profile_id,
                                    gboolean         *ok)
{
  const TestResult *result;

  g_return_val_if_fail (LB_IS_PROFILES_DIALOG (self), NULL);

  result = g_hash_table_lookup (self->results, &profile_id);
  if (ok != NULL)
    *ok = result != NULL && result->ok;
  return result != NULL ? result->text : NULL;
}

static void
lb_profiles_dialog_dispose (GObject *object)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (object);

  if (self->tests != NULL)
    {
      GHashTableIter iter;
      gpointer cancellable;

      g_hash_table_iter_init (&iter, self->tests);
      while (g_hash_table_iter_next (&iter, NULL, &cancellable))
        g_cancellable_cancel (cancellable);
      g_clear_pointer (&self->tests, g_hash_table_unref);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lb_profiles_dialog_parent_class)->dispose (object);
}

static void
lb_profiles_dialog_finalize (GObject *object)
{
  LbProfilesDialog *self = LB_PROFILES_DIALOG (object);

  g_clear_pointer (&self->results, g_hash_table_unref);
  G_OBJECT_CLASS (lb_profiles_dialog_parent_class)->finalize (object);
}

static void
lb_profiles_dialog_class_init (LbProfilesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LbListDialogClass *dialog_class = LB_LIST_DIALOG_CLASS (klass);

  object_class->dispose = lb_profiles_dialog_dispose;
  object_class->finalize = lb_profiles_dialog_finalize;
  dialog_class->reload = lb_profiles_dialog_reload;
  dialog_class->concerns = lb_profiles_dialog_concerns;

  gtk_widget_class_install_action (widget_class, "profiles.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "profiles.test", "x", test_action);
  gtk_widget_class_install_action (widget_class, "profiles.set-password", "x", set_password_action);
  gtk_widget_class_install_action (widget_class, "profiles.forget-password", "x", forget_password_action);
  gtk_widget_class_install_action (widget_class, "profiles.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "profiles.delete", "x", delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "profiles.new", NULL);
}

static void
lb_profiles_dialog_init (LbProfilesDialog *self)
{
  LbListDialog *dialog = LB_LIST_DIALOG (self);
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Profile"));
  GtkWidget *title = adw_window_title_new (_("Connection Profiles"), NULL);

  self->tests = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->results = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, test_result_free);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Connection Profiles"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 520);
  adw_header_bar_set_title_widget (lb_list_dialog_get_header_bar (dialog), title);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "profiles.new");
  gtk_widget_add_css_class (new_button, "suggested-action");
  adw_header_bar_pack_start (lb_list_dialog_get_header_bar (dialog), new_button);
  adw_preferences_group_set_title (lb_list_dialog_get_group (dialog), _("Connection Profiles"));
}
