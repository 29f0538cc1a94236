/* lb-report-dialog.c
 *
 * The choices that change what the report says (format, wave, cutover date, lag window)
 * are here; those that an organisation sets once (paper, its name, the rehearsals the
 * rules require) are preferences, summarised in the last row with a way to change them.
 *
 * The export runs on a worker with a store of its own (lb_report_export_async()). Reading
 * reports progress per project; writing has no steps to count, so the bar pulses then.
 * The writers rename their output into place at the end, so Cancel, closing the dialog
 * or a failure never leaves a half-written file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-error-dialog.h"
#include "lb-report-dialog.h"
#include "lb-settings.h"

#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))
#define PULSE_INTERVAL_MS 120

struct _LbReportDialog
{
  AdwWindow             parent_instance;

  LbStore              *store;
  gint64                project_id;
  char                 *project_name;    /* NULL for the portfolio */
  gint64                planned_cutover; /* the project's, or LB_UNSET_INT */
  GArray               *wave_ids;        /* gint64, parallel to the wave row after "Every wave" */

  AdwWindowTitle       *title;
  GtkWidget            *cancel_button;
  GtkWidget            *export_button;
  GtkWidget            *choices_page;
  AdwComboRow          *format_row;
  AdwComboRow          *wave_row;        /* NULL for a project */
  AdwEntryRow          *cutover_row;
  AdwComboRow          *window_row;
  AdwActionRow         *settings_row;
  GtkWidget            *progress_group;
  GtkProgressBar       *progress_bar;

  GCancellable         *cancellable;
  guint                 pulse_id;
  const char           *state;
  char                 *progress_text;
  char                 *pending_path;
  char                 *output_path;
  GError               *error;
  GtkFileChooserNative *chooser;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (LbReportDialog, lb_report_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_EXPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* In LbReportFormat order. */
static const char *const format_labels[] = {
  N_("PDF document"),
  N_("Web page (HTML)"),
  N_("CSV tables (a folder of files)"),
  N_("JSON data"),
  NULL,
};
static const char *const format_extensions[] = { ".pdf", ".html", "", ".json" };

/* In LbReportLagWindow order. */
static const char *const window_labels[] = {
  N_("Last 24 hours"),
  N_("Last 7 days"),
  N_("Last 30 days"),
  N_("Whole history"),
  NULL,
};
static const gint64 window_spans_ms[] = { DAY_MS, 7 * DAY_MS, 30 * DAY_MS, 0 };

static GtkStringList *
translated_list (const char *const *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));
  return list;
}

static AdwComboRow *
new_combo_row (AdwPreferencesGroup *group,
               const char          *name,
               const char          *title,
               const char          *subtitle,
               GtkStringList       *list)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  g_object_unref (list);
  return ADW_COMBO_ROW (row);
}

/* ---- state ------------------------------------------------------------------------------ */

static gboolean
is_running (LbReportDialog *self)
{
  return self->cancellable != NULL;
}

static void
set_progress_text (LbReportDialog *self,
                   const char     *text)
{
  g_free (self->progress_text);
  self->progress_text = g_strdup (text);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
stop_pulsing (LbReportDialog *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static gboolean
pulse (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

/* The controls are frozen while an export runs, so what is written is what they show. */
static void
update_controls (LbReportDialog *self)
{
  gboolean running = is_running (self);
  const char *cutover = gtk_editable_get_text (GTK_EDITABLE (self->cutover_row));
  gint64 ignored;
  gboolean cutover_ok = *cutover == '\0' || lb_time_parse (cutover, NULL, &ignored);

  gtk_widget_set_sensitive (self->choices_page, !running);
  gtk_widget_set_sensitive (self->export_button, !running && cutover_ok);
  if (cutover_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->cutover_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->cutover_row), "error");
  gtk_widget_set_visible (self->progress_group, running || g_strcmp0 (self->state, "cancelled") == 0);
}

/* "A4 · 2 successful rehearsals required · Contoso Ltd" */
static void
update_settings_summary (LbReportDialog *self)
{
  g_auto(LbReportOptions) options;
  g_autoptr(GString) summary = g_string_new (NULL);

  lb_report_options_init (&options);
  lb_settings_prepare_report_options (&options);
  g_string_append (summary, _(lb_enum_info_label (&lb_paper_size_enum, options.paper)));
  g_string_append (summary, " · ");
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%u successful rehearsal required",
                                       "%u successful rehearsals required", options.policy.rehearsals_required),
                          options.policy.rehearsals_required);
  if (options.organisation != NULL)
    g_string_append_printf (summary, " · %s", options.organisation);
  adw_action_row_set_subtitle (self->settings_row, summary->str);
}

static void
update_cutover_hint (LbReportDialog *self)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->cutover_row), ADW_TYPE_PREFERENCES_GROUP);
  g_autofree char *description = NULL;

  if (self->project_id == 0)
    description = g_strdup (_("The rules judge every project at this date. Leave it empty to judge each project "
                              "at its own planned cutover."));
  else if (self->planned_cutover != LB_UNSET_INT)
    {
      g_autofree char *planned = lb_time_format_local (self->planned_cutover);

      /* TRANSLATORS: %s is a date and time, "2026-12-12 22:00" */
      description = g_strdup_printf (_("The rules judge the project at this date. Leave it empty for the planned "
                                       "cutover, %s."), planned);
    }
  else
    description = g_strdup (_("The project has no planned cutover: leave the date empty to judge it as of today."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
}

static void
on_cutover_changed (LbReportDialog *self)
{
  update_controls (self);
}

/* ---- export ----------------------------------------------------------------------------- */

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  LbReportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->disposed || !is_running (self))
    return;
  if (done < total)
    {
      /* TRANSLATORS: "Reading project 3 of 200" */
      text = g_strdup_printf (_("Reading project %u of %u"), done + 1, total);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      set_progress_text (self, text);
      return;
    }
  /* TRANSLATORS: %s is the format, "PDF document" */
  text = g_strdup_printf (_("Writing the %s…"), _(format_labels[lb_report_dialog_get_format (self)]));
  set_progress_text (self, text);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse, self->progress_bar);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LbReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lb_report_export_finish (result, &error);
  g_autofree char *path = g_steal_pointer (&self->pending_path);

  g_clear_object (&self->cancellable);
  stop_pulsing (self);
  g_clear_error (&self->error);

  if (ok)
    {
      self->state = "done";
      g_free (self->output_path);
      self->output_path = g_steal_pointer (&path);
      if (!self->disposed)
        {
          g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, self->output_path);
          gtk_window_destroy (GTK_WINDOW (self));
        }
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->state = "cancelled";
      if (!self->disposed)
        {
          gtk_progress_bar_set_fraction (self->progress_bar, 0);
          set_progress_text (self, _("Cancelled: nothing was written"));
          update_controls (self);
        }
      return;
    }

  self->state = "failed";
  self->error = g_steal_pointer (&error);
  if (!self->disposed)
    {
      update_controls (self);
      lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Export the Report"), self->error->message);
    }
}

void
lb_report_dialog_export_to (LbReportDialog *self,
                            const char     *path)
{
  g_auto(LbReportOptions) options;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LB_IS_REPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (is_running (self))
    return;
  lb_report_options_init (&options);
  if (!lb_report_dialog_fill_options (self, &options, &error))
    {
      lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Export the Report"), error->message);
      return;
    }

  self->state = "running";
  self->cancellable = g_cancellable_new ();
  g_free (self->pending_path);
  self->pending_path = g_strdup (path);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_progress_text (self, _("Starting…"));
  update_controls (self);
  gtk_widget_grab_focus (self->cancel_button);
  lb_report_export_async (lb_store_get_path (self->store), self->project_id, lb_report_dialog_get_format (self), &options, path,
                          on_progress, self, self->cancellable, on_exported, g_object_ref (self));
}

void
lb_report_dialog_cancel (LbReportDialog *self)
{
  g_return_if_fail (LB_IS_REPORT_DIALOG (self));

  g_cancellable_cancel (self->cancellable);
}

static void
on_chooser_response (LbReportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) == NULL)
    lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Export the Report"),
                _("The chosen place is not a local folder. Choose a folder on this computer."));
  g_clear_object (&self->chooser);
  if (path != NULL)
    lb_report_dialog_export_to (self, path);
}

void
lb_report_dialog_choose_and_export (LbReportDialog *self)
{
  LbReportFormat format;
  g_autofree char *name = NULL;
  const char *documents;

  g_return_if_fail (LB_IS_REPORT_DIALOG (self));

  if (is_running (self) || self->chooser != NULL)
    return;
  format = lb_report_dialog_get_format (self);
  name = lb_report_dialog_get_suggested_name (self);
  self->chooser = gtk_file_chooser_native_new (format == LB_REPORT_FORMAT_CSV ? _("Export the Tables to a New Folder")
                                                                               : _("Export the Report"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- options ---------------------------------------------------------------------------- */

gboolean
lb_report_dialog_fill_options (LbReportDialog   *self,
                               LbReportOptions  *options,
                               GError          **error)
{
  const char *cutover;
  guint window, wave;

  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  lb_settings_prepare_report_options (options);
  cutover = gtk_editable_get_text (GTK_EDITABLE (self->cutover_row));
  if (*cutover != '\0' && !lb_time_parse (cutover, NULL, &options->cutover_at))
    {
      g_set_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT,
                   _("The cutover date “%s” is not a date such as 2026-12-12 or 2026-12-12 22:00"), cutover);
      return FALSE;
    }
  window = adw_combo_row_get_selected (self->window_row);
  options->window_span_ms = window_spans_ms[window < G_N_ELEMENTS (window_spans_ms) ? window : LB_REPORT_WINDOW_WEEK];
  options->wave_id = 0;
  if (self->wave_row != NULL && (wave = adw_combo_row_get_selected (self->wave_row)) > 0 &&
      wave <= self->wave_ids->len)
    options->wave_id = g_array_index (self->wave_ids, gint64, wave - 1);
  return TRUE;
}

char *
lb_report_dialog_get_suggested_name (LbReportDialog *self)
{
  g_autofree char *subject = NULL;
  guint wave;
  char *name;

  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), NULL);

  if (self->project_name != NULL)
    subject = g_strdup (self->project_name);
  else if (self->wave_row != NULL && (wave = adw_combo_row_get_selected (self->wave_row)) > 0 &&
           wave != GTK_INVALID_LIST_POSITION)
    subject = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (self->wave_row)),
                                                    wave));
  else
    subject = g_strdup (_("Portfolio"));
  /* A name is one path component. */
  g_strdelimit (subject, "/\\", '-');
  /* TRANSLATORS: a file name, "Plant ERP — cutover report.pdf"; %s is the project or wave */
  name = g_strdup_printf (_("%s — cutover report%s"), subject, format_extensions[lb_report_dialog_get_format (self)]);
  return name;
}

/* ---- accessors -------------------------------------------------------------------------- */

gint64
lb_report_dialog_get_project_id (LbReportDialog *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), 0);

  return self->project_id;
}

LbReportFormat
lb_report_dialog_get_format (LbReportDialog *self)
{
  guint selected;

  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), LB_REPORT_FORMAT_PDF);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected < G_N_ELEMENTS (format_extensions) ? (LbReportFormat) selected : LB_REPORT_FORMAT_PDF;
}

void
lb_report_dialog_set_format (LbReportDialog *self,
                             LbReportFormat  format)
{
  g_return_if_fail (LB_IS_REPORT_DIALOG (self));
  g_return_if_fail ((guint) format < G_N_ELEMENTS (format_extensions));

  adw_combo_row_set_selected (self->format_row, format);
}

void
lb_report_dialog_set_lag_window (LbReportDialog    *self,
                                 LbReportLagWindow  window)
{
  g_return_if_fail (LB_IS_REPORT_DIALOG (self));
  g_return_if_fail ((guint) window < G_N_ELEMENTS (window_spans_ms));

  adw_combo_row_set_selected (self->window_row, window);
}

void
lb_report_dialog_set_wave_id (LbReportDialog *self,
                              gint64          wave_id)
{
  g_return_if_fail (LB_IS_REPORT_DIALOG (self));
  g_return_if_fail (self->wave_row != NULL);

  adw_combo_row_set_selected (self->wave_row, 0);
  for (guint i = 0; i < self->wave_ids->len; i++)
    if (g_array_index (self->wave_ids, gint64, i) == wave_id)
      adw_combo_row_set_selected (self->wave_row, i + 1);
}

void
lb_report_dialog_set_cutover_text (LbReportDialog *self,
                                   const char     *text)
{
  g_return_if_fail (LB_IS_REPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->cutover_row), text != NULL ? text : "");
}

const char *
lb_report_dialog_get_state (LbReportDialog *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), NULL);

  return self->state;
}

const char *
lb_report_dialog_get_progress_text (LbReportDialog *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), NULL);

  return self->progress_text;
}

const char *
lb_report_dialog_get_output_path (LbReportDialog *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), NULL);

  return self->output_path;
}

const GError *
lb_report_dialog_get_error (LbReportDialog *self)
{
  g_return_val_if_fail (LB_IS_REPORT_DIALOG (self), NULL);

  return self->error;
}

/* ---- construction ----------------------------------------------------------------------- */

static void
on_cancel_clicked (LbReportDialog *self)
{
  if (is_running (self))
    lb_report_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_export_clicked (LbReportDialog *self)
{
  lb_report_dialog_choose_and_export (self);
}

static void
on_preferences_clicked (LbReportDialog *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (application == NULL && parent != NULL)
    application = gtk_window_get_application (parent);
  if (application != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
}

/* The preferences window may change the settings while this dialog is open. */
static void
on_active_changed (LbReportDialog *self)
{
  if (!self->disposed && gtk_window_is_active (GTK_WINDOW (self)))
    update_settings_summary (self);
}

static gboolean
on_close_request (GtkWindow *window)
{
  LbReportDialog *self = LB_REPORT_DIALOG (window);

  /* Closing while writing stops the export: nothing is left half-written. */
  lb_report_dialog_cancel (self);
  return FALSE;
}

static void
load_subject (LbReportDialog *self,
              GtkWidget      *format_group)
{
  g_autoptr(GError) error = NULL;

  if (self->project_id != 0)
    {
      LbProject *project = lb_store_get (self->store, &lb_project_kind, self->project_id, &error);

      if (project != NULL)
        {
          self->project_name = g_strdup (project->name);
          self->planned_cutover = project->planned_cutover;
          lb_record_free (project);
        }
      else
        g_warning ("Project %" G_GINT64_FORMAT " could not be read: %s", self->project_id, error->message);
      adw_window_title_set_subtitle (self->title, self->project_name != NULL ? self->project_name : "");
      return;
    }

  {
    g_autoptr(GPtrArray) waves = lb_store_list (self->store, &lb_wave_kind, NULL, 0, &error);
    GtkStringList *names = gtk_string_list_new (NULL);

    gtk_string_list_append (names, _("Every wave"));
    for (guint i = 0; waves != NULL && i < waves->len; i++)
      {
        const LbWave *wave = waves->pdata[i];

        gtk_string_list_append (names, wave->name);
        g_array_append_val (self->wave_ids, wave->id);
      }
    if (waves == NULL)
      g_warning ("The waves could not be read: %s", error->message);
    self->wave_row = new_combo_row (ADW_PREFERENCES_GROUP (format_group), "wave", _("Wave"), NULL, names);
    adw_window_title_set_subtitle (self->title, _("Portfolio"));
  }
}

LbReportDialog *
lb_report_dialog_new (GtkWindow  *parent,
                      LbStore    *store,
                      gint64      project_id)
{
  LbReportDialog *self;
  GtkWidget *box, *header, *page, *group, *button, *progress_box;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  self = g_object_new (LB_TYPE_REPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  self->project_id = project_id;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Export Report"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->export_button);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  self->choices_page = page;

  group = adw_preferences_group_new ();
  self->format_row = new_combo_row (ADW_PREFERENCES_GROUP (group), "format", _("Format"), NULL,
                                    translated_list (format_labels));
  load_subject (self, group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Judged At"));
  self->cutover_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cutover_row), _("Cutover date (YYYY-MM-DD hh:mm)"));
  gtk_widget_set_name (GTK_WIDGET (self->cutover_row), "cutover");
  g_signal_connect_swapped (self->cutover_row, "changed", G_CALLBACK (on_cutover_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->cutover_row));
  self->window_row = new_combo_row (ADW_PREFERENCES_GROUP (group), "lag-window", _("Lag chart"),
                                    project_id != 0 ? _("Up to the newest sample")
                                                    : _("Up to each project’s newest sample"),
                                    translated_list (window_labels));
  adw_combo_row_set_selected (self->window_row, LB_REPORT_WINDOW_WEEK);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  update_cutover_hint (self);

  group = adw_preferences_group_new ();
  self->settings_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->settings_row), _("Paper and rules"));
  button = gtk_button_new_with_mnemonic (_("_Preferences"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_preferences_clicked), self);
  adw_action_row_add_suffix (self->settings_row, button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->settings_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  update_settings_summary (self);
  gtk_box_append (GTK_BOX (box), page);

  /* Outside the page, so it stays sensitive and in view while the choices are frozen. */
  progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (progress_box, 24);
  gtk_widget_set_margin_end (progress_box, 24);
  gtk_widget_set_margin_top (progress_box, 6);
  gtk_widget_set_margin_bottom (progress_box, 24);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.08);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export progress"), -1);
  gtk_box_append (GTK_BOX (progress_box), GTK_WIDGET (self->progress_bar));
  self->progress_group = progress_box;
  gtk_box_append (GTK_BOX (box), progress_box);

  adw_window_set_content (ADW_WINDOW (self), box);
  /* Tall enough to show every choice and the progress without scrolling. */
  gtk_window_set_default_size (GTK_WINDOW (self), 520, project_id != 0 ? 560 : 620);
  update_controls (self);
  return self;
}

static void
lb_report_dialog_dispose (GObject *object)
{
  LbReportDialog *self = LB_REPORT_DIALOG (object);

  /* The export's callback holds a reference and may outlive the widgets. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  stop_pulsing (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (lb_report_dialog_parent_class)->dispose (object);
}

static void
lb_report_dialog_finalize (GObject *object)
{
  LbReportDialog *self = LB_REPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_free (self->project_name);
  g_array_unref (self->wave_ids);
  g_free (self->progress_text);
  g_free (self->pending_path);
  g_free (self->output_path);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (lb_report_dialog_parent_class)->finalize (object);
}

static void
lb_report_dialog_class_init (LbReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_report_dialog_dispose;
  object_class->finalize = lb_report_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = on_close_request;

  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lb_report_dialog_init (LbReportDialog *self)
{
  self->state = "idle";
  self->planned_cutover = LB_UNSET_INT;
  self->wave_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_title (GTK_WINDOW (self), _("Export Report"));
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
}
