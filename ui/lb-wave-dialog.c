/* lb-wave-dialog.c
 *
 * Every change is written at once through the store (and so audited); the dialog only
 * shows the waves and reads them again when the store says something changed. New and
 * Edit open the generic record dialog on the wave kind, so names and planned windows are
 * validated by the same rules as everywhere else. The up/down buttons use
 * lb_waves_move(), which renumbers the plan in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-wave-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-ordered-row.h"
#include "lb-record-dialog.h"
#include "lb-wave-dialog.h"

struct _LbWaveDialog
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;     /* AdwActionRow*, owned by the group */
  LbStore             *store;
  guint                reload_id;
};

G_DEFINE_FINAL_TYPE (LbWaveDialog, lb_wave_dialog, ADW_TYPE_WINDOW)

#define WAVE_ID_KEY "lb-wave-id"

static void
show_error (LbWaveDialog *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

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

static void move_up (gpointer data, gint64 id);
static void move_down (gpointer data, gint64 id);
static void edit (gpointer data, gint64 id);
static void confirm_delete (gpointer data, gint64 id);

static const LbOrderedRowActions row_actions = { move_up, move_down, edit, confirm_delete };

static void
reload (LbWaveDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waves = NULL;
  g_autoptr(GPtrArray) projects = NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  if ((waves = lb_store_list (self->store, &lb_wave_kind, NULL, 0, &error)) == NULL ||
      (projects = lb_store_list (self->store, &lb_project_kind, NULL, 0, &error)) == NULL)
    {
      adw_preferences_group_set_description (self->group, error->message);
      return;
    }
  adw_preferences_group_set_description (self->group,
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
      row = lb_ordered_row_new (wave->name, subtitle, wave->id, w, waves->len, &row_actions, self);
      gtk_widget_set_name (row, name);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static gboolean
reload_when_idle (gpointer data)
{
  LbWaveDialog *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LbWaveDialog *self,
                  const char   *entity,
                  gint64        id,
                  LbStore      *store)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_when_idle, self);
}

static void
move (LbWaveDialog *self,
      gint64        id,
      int           delta)
{
  g_autoptr(GError) error = NULL;

  if (!lb_waves_move (self->store, id, delta, &error))
    show_error (self, _("Could Not Move the Wave"), error);
}

static void
move_up (gpointer data,
         gint64   id)
{
  move (data, id, -1);
}

static void
move_down (gpointer data,
           gint64   id)
{
  move (data, id, 1);
}

static void
edit (gpointer data,
      gint64   id)
{
  LbWaveDialog *self = data;

  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (self), self->store, &lb_wave_kind, id, NULL)));
}

static void
new_wave_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LbWaveDialog *self = LB_WAVE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  LbWave *wave = lb_record_new (&lb_wave_kind);
  gint64 next = lb_waves_next_position (self->store, &error);

  /* New waves come last in the plan. */
  if (next >= 0)
    wave->position = next;
  gtk_window_present (GTK_WINDOW (lb_record_dialog_new (GTK_WINDOW (self), self->store, &lb_wave_kind, 0, wave)));
  lb_record_free (wave);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LbWaveDialog     *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), WAVE_ID_KEY);
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!lb_store_delete (self->store, &lb_wave_kind, id, &error))
    {
      show_error (self, _("Could Not Delete the Wave"), error);
      return;
    }
  message = g_strdup_printf (_("Wave “%s” deleted"), (const char *) g_object_get_data (G_OBJECT (dialog), "name"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
confirm_delete (gpointer data,
                gint64   id)
{
  LbWaveDialog *self = data;
  g_autoptr(GError) error = NULL;
  LbWave *wave = lb_store_get (self->store, &lb_wave_kind, id, &error);
  gint64 n_projects;
  GtkWidget *dialog;

  if (wave == NULL)
    {
      show_error (self, _("Could Not Delete the Wave"), error);
      return;
    }
  n_projects = lb_store_count (self->store, &lb_project_kind, "wave_id", id, NULL);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL,
                                   n_projects > 0
                                   ? _("Its projects are kept, without a wave. This cannot be undone.")
                                   : _("The wave has no projects. This cannot be undone."));
  /* TRANSLATORS: "Delete “Wave 1 — Pilot”?" */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), wave->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), WAVE_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (wave->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  lb_record_free (wave);
  gtk_window_present (GTK_WINDOW (dialog));
}

LbWaveDialog *
lb_wave_dialog_new (GtkWindow *parent,
                    LbStore   *store)
{
  LbWaveDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  self = g_object_new (LB_TYPE_WAVE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

GtkWidget *
lb_wave_dialog_get_row (LbWaveDialog *self,
                        gint64        wave_id)
{
  g_return_val_if_fail (LB_IS_WAVE_DIALOG (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (lb_ordered_row_get_id (self->rows->pdata[i]) == wave_id)
      return self->rows->pdata[i];
  return NULL;
}

guint
lb_wave_dialog_get_n_waves (LbWaveDialog *self)
{
  g_return_val_if_fail (LB_IS_WAVE_DIALOG (self), 0);
  return self->rows->len;
}

static void
lb_wave_dialog_dispose (GObject *object)
{
  LbWaveDialog *self = LB_WAVE_DIALOG (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_wave_dialog_parent_class)->dispose (object);
}

static void
lb_wave_dialog_finalize (GObject *object)
{
  LbWaveDialog *self = LB_WAVE_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_wave_dialog_parent_class)->finalize (object);
}

static void
lb_wave_dialog_class_init (LbWaveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_wave_dialog_dispose;
  object_class->finalize = lb_wave_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "waves.new", NULL, new_wave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "waves.new", NULL);
}

static void
lb_wave_dialog_init (LbWaveDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Wave"));
  GtkWidget *page = adw_preferences_page_new ();

  self->rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Waves"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 520);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "waves.new");
  gtk_widget_add_css_class (new_button, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), new_button);
  gtk_box_append (GTK_BOX (box), header);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Migration Waves"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}
