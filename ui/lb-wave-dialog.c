/* lb-wave-dialog.c
 *
 * New and Edit open the generic record dialog on the wave kind, so names and planned
 * windows are validated by the same rules as everywhere else. The up/down buttons use
 * lb_waves_move(), which renumbers the plan in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-wave-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-delete-confirmation.h"
#include "lb-ordered-row.h"
#include "lb-record-dialog.h"
#include "lb-wave-dialog.h"

struct _LbWaveDialog
{
  LbListDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (LbWaveDialog, lb_wave_dialog, LB_TYPE_LIST_DIALOG)

static char *
format_day (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* "15 Oct 2026": the month by name, never ambiguous between locales. */
  return g_date_time_format (local, "%-d %b %Y");
}

/* "3 projects · 1 Dec 2026 – 14 Dec 2026" */
static char *
describe_wave (const LbWave *wave,
               guint         n_projects)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%u project", "%u projects", n_projects), n_projects);
  if (wave->window_start != LB_UNSET_INT || wave->window_end != LB_UNSET_INT)
    {
      g_autofree char *start = wave->window_start != LB_UNSET_INT ? format_day (wave->window_start) : g_strdup ("…");
      g_autofree char *end = wave->window_end != LB_UNSET_INT ? format_day (wave->window_end) : g_strdup ("…");

      g_string_append_printf (text, " · %s – %s", start, end);
    }
  return g_string_free (text, FALSE);
}

static void
move (gpointer data,
      gint64   id,
      int      delta)
{
  g_autoptr(GError) error = NULL;

  if (!lb_waves_move (lb_list_dialog_get_store (data), id, delta, &error))
    lb_list_dialog_show_error (data, _("Could Not Move the Wave"), error);
}

static void
edit (gpointer data,
      gint64   id)
{
  LbWaveDialog *self = data;

  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (self), lb_list_dialog_get_store (data),
                                                        &lb_wave_kind, id, NULL)));
}

static void
on_wave_deleted (GtkWidget    *owner,
                 const char   *name,
                 const GError *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      lb_list_dialog_show_error (LB_LIST_DIALOG (owner), _("Could Not Delete the Wave"), error);
      return;
    }
  message = g_strdup_printf (_("Wave “%s” deleted"), name);
  lb_list_dialog_toast (LB_LIST_DIALOG (owner), message);
}

static void
confirm_delete (gpointer data,
                gint64   id)
{
  LbStore *store = lb_list_dialog_get_store (data);
  gint64 n_projects = lb_store_count (store, &lb_project_kind, "wave_id", id, NULL);

  lb_delete_confirmation_run (data, store, &lb_wave_kind, id,
                              n_projects > 0 ? _("Its projects are kept, without a wave. This cannot be undone.")
                                             : _("The wave has no projects. This cannot be undone."),
                              on_wave_deleted);
}

static const LbOrderedRowActions row_actions = { move, edit, confirm_delete };

static void
lb_wave_dialog_reload (LbListDialog *dialog)
{
  LbStore *store = lb_list_dialog_get_store (dialog);
  AdwPreferencesGroup *group = lb_list_dialog_get_group (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waves = NULL;
  g_autoptr(GPtrArray) projects = NULL;

  if ((waves = lb_store_list (store, &lb_wave_kind, NULL, 0, &error)) == NULL ||
      (projects = lb_store_list (store, &lb_project_kind, NULL, 0, &error)) == NULL)
    {
      adw_preferences_group_set_description (group, error->message);
      return;
    }
  adw_preferences_group_set_description (group,
                                         waves->len == 0
                                         ? _("No waves yet. A wave groups the projects that are linked, "
                                             "rehearsed and cut over together.")
                                         : _("In plan order. Projects are moved between waves in the "
                                             "portfolio or in a project's details."));

  for (guint w = 0; w < waves->len; w++)
    {
      const LbWave *wave = waves->pdata[w];
      GtkWidget *row;
      g_autofree char *subtitle = NULL;
      g_autofree char *name = g_strdup_printf ("wave-%" G_GINT64_FORMAT, wave->id);
      guint n_projects = 0;

      for (guint p = 0; p < projects->len; p++)
        n_projects += ((const LbProject *) projects->pdata[p])->wave_id == wave->id;
      subtitle = describe_wave (wave, n_projects);
      row = lb_ordered_row_new (wave->name, subtitle, wave->id, w, waves->len, &row_actions, dialog);
      gtk_widget_set_name (row, name);
      lb_list_dialog_add_row (dialog, row);
    }
}

static void
new_wave_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LbStore *store = lb_list_dialog_get_store (LB_LIST_DIALOG (widget));
  g_autoptr(GError) error = NULL;
  LbWave *wave = lb_record_new (&lb_wave_kind);
  gint64 next = lb_waves_next_position (store, &error);

  /* New waves come last in the plan. */
  if (next >= 0)
    wave->position = next;
  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (widget), store, &lb_wave_kind, 0, wave)));
  lb_record_free (wave);
}

LbWaveDialog *
lb_wave_dialog_new (GtkWindow *parent,
                    LbStore   *store)
{
  LbWaveDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  self = g_object_new (LB_TYPE_WAVE_DIALOG, "transient-for", parent, NULL);
  lb_list_dialog_set_store (LB_LIST_DIALOG (self), store);
  return self;
}

GtkWidget *
lb_wave_dialog_get_row (LbWaveDialog *self,
                        gint64        wave_id)
{
  g_return_val_if_fail (LB_IS_WAVE_DIALOG (self), NULL);
  return lb_list_dialog_find_row (LB_LIST_DIALOG (self), wave_id);
}

guint
lb_wave_dialog_get_n_waves (LbWaveDialog *self)
{
  g_return_val_if_fail (LB_IS_WAVE_DIALOG (self), 0);
  return lb_list_dialog_get_n_rows (LB_LIST_DIALOG (self));
}

static void
lb_wave_dialog_class_init (LbWaveDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  LB_LIST_DIALOG_CLASS (klass)->reload = lb_wave_dialog_reload;
  gtk_widget_class_install_action (widget_class, "waves.new", NULL, new_wave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "waves.new", NULL);
}

static void
lb_wave_dialog_init (LbWaveDialog *self)
{
  LbListDialog *dialog = LB_LIST_DIALOG (self);
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Wave"));

  gtk_window_set_title (GTK_WINDOW (self), _("Waves"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 520);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "waves.new");
  gtk_widget_add_css_class (new_button, "suggested-action");
  adw_header_bar_pack_start (lb_list_dialog_get_header_bar (dialog), new_button);
  adw_preferences_group_set_title (lb_list_dialog_get_group (dialog), _("Migration Waves"));
}
