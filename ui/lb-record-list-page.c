/* lb-record-list-page.c
 *
 * The page reads the project's records of its kind (and their children) whenever the
 * store reports a change to those tables, and builds its rows again. Lists are short
 * (tens of records), so rows are plain widgets in AdwPreferencesGroups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-record-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-delete-confirmation.h"
#include "lb-drill-panel.h"
#include "lb-kind-info.h"
#include "lb-page-insights.h"
#include "lb-error-dialog.h"
#include "lb-record-list-page.h"
#include "lb-record-summary.h"

/* Below this width, a row's value (amount, downtime, score) moves into its subtitle, so
 * that the suffixes leave room for the record's name. */
#define NARROW_WIDTH 600

typedef struct
{
  char *icon_name;
  char *label;
  char *action_name;
} ExtraButton;

typedef struct
{
  GtkBox             *content_box;
  GtkStack           *stack;
  GtkScrolledWindow  *scrolled;
  GtkBox             *sections_box;
  AdwStatusPage      *empty_page;
  GtkBox             *empty_buttons;

  const LbRecordKind *kind;
  const LbKindInfo   *info;
  LbStore            *store;
  gint64              project_id;
  GPtrArray          *sections;      /* AdwPreferencesGroup*, owned by sections_box */
  GArray             *ids;           /* gint64, the records in the order shown */
  GHashTable         *rows;          /* "table:id" → row, owned by its group */
  GHashTable         *expanded;      /* gint64 ids of expanded rows, kept across reloads */
  GPtrArray          *extra_buttons; /* ExtraButton* */
  GtkWidget          *header;        /* nullable: the core's view of the records, above the groups */
  GtkWidget          *drill_panel;   /* nullable: rehearsals, the drill in progress */
  GtkWidget          *top_bar;       /* nullable: a subclass's, above both states */
  LbRiskCell          risk_cell;     /* risks: the heat-map cell the list is narrowed to */
  guint               narrow_idle;
  guint               narrow : 1;
} LbRecordListPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LbRecordListPage, lb_record_list_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_KIND, PROP_STORE, PROP_PROJECT_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { ADD_TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
extra_button_free (gpointer data)
{
  ExtraButton *button = data;

  g_free (button->icon_name);
  g_free (button->label);
  g_free (button->action_name);
  g_free (button);
}

static char *
row_key (const LbRecordKind *kind,
         gint64              id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind->table, id);
}

static GtkWindow *
get_window (LbRecordListPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
lb_record_list_page_toast (LbRecordListPage *self,
                           const char       *title)
{
  g_autoptr(AdwToast) toast = NULL;

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));
  g_return_if_fail (title != NULL);

  toast = adw_toast_new (title);
  lb_record_list_page_add_toast (self, toast);
}

void
lb_record_list_page_add_toast (LbRecordListPage *self,
                               AdwToast         *toast)
{
  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

void
lb_record_list_page_show_error (LbRecordListPage *self,
                                const char       *heading,
                                const char       *body)
{
  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));

  lb_error_dialog_show (GTK_WIDGET (self), heading, body);
}

/* ---- rows ----------------------------------------------------------------------------------- */

static GtkWidget *
new_tone_label (const char *text,
                LbTone      tone,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);
  const char *tone_class = lb_record_summary_tone_class (tone);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, css_class);
  if (tone_class != NULL)
    gtk_widget_add_css_class (label, tone_class);
  return label;
}

/* An icon-only button: the tooltip says what it does and so does its accessible label,
 * which also names the record ("Delete “Log growth”"). */
static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *tooltip,
                 const char *accessible,
                 const char *action_name,
                 GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

/* Widgets at the end of a row, in the order added. An expander row prepends its actions,
 * so they go into one box there. */
static void
row_add_end (GtkWidget *row,
             GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (row))
    {
      GtkWidget *box = g_object_get_data (G_OBJECT (row), "lb-end-box");

      if (box == NULL)
        {
          box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), box);
          g_object_set_data (G_OBJECT (row), "lb-end-box", box);
        }
      gtk_box_append (GTK_BOX (box), widget);
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
}

static GVariant *
record_target (const LbRecordKind *kind,
               gint64              id)
{
  return g_variant_new ("(sx)", kind->table, id);
}

static void
on_row_activated (GtkWidget *row,
                  gpointer   user_data)
{
  const LbRecordKind *kind = g_object_get_data (G_OBJECT (row), "lb-record-kind");
  gint64 *id = g_object_get_data (G_OBJECT (row), "lb-record-id");

  gtk_widget_activate_action (row, "list.edit", "(sx)", kind->table, *id);
}

static void
on_add_child_activated (GtkWidget *row,
                        gpointer   user_data)
{
  gint64 *parent_id = g_object_get_data (G_OBJECT (row), "lb-record-id");

  gtk_widget_activate_action (row, "list.add-child", "x", *parent_id);
}

static void
on_expanded_changed (LbRecordListPage *self,
                     GParamSpec       *pspec,
                     AdwExpanderRow   *row)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  gint64 *id = g_object_get_data (G_OBJECT (row), "lb-record-id");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (priv->expanded, g_memdup2 (id, sizeof *id));
  else
    g_hash_table_remove (priv->expanded, id);
}

/* The summary's title, subtitle, value and badge; the record's kind and id as data. */
static void
fill_row (LbRecordListPage *self,
          GtkWidget        *row,
          gconstpointer     record,
          GPtrArray        *children,
          const LbProject  *project,
          gint64            now)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  const LbRecordKind *kind = lb_record_get_kind (record);
  gint64 id = LB_RECORD_ID_CONST (record);
  LbRecordSummary summary;

  lb_record_summary_init_full (&summary, record, children, project, now);
  if (priv->narrow && summary.value != NULL)
    {
      char *subtitle = summary.subtitle != NULL ? g_strdup_printf ("%s · %s", summary.value, summary.subtitle)
                                                : g_strdup (summary.value);

      g_free (summary.subtitle);
      summary.subtitle = subtitle;
      g_clear_pointer (&summary.value, g_free);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary.title);
  gtk_widget_add_css_class (row, "record-row");
  if (summary.subtitle != NULL)
    {
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary.subtitle);
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary.subtitle);
    }

  if (summary.value != NULL)
    {
      GtkWidget *value = new_tone_label (summary.value, summary.value_tone, "record-value");

      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      if (summary.value_tooltip != NULL)
        gtk_widget_set_tooltip_text (value, summary.value_tooltip);
      row_add_end (row, value);
    }
  if (summary.overdue)
    {
      row_add_end (row, new_tone_label (_("Overdue"), LB_TONE_ERROR, "record-badge"));
      gtk_widget_add_css_class (row, "overdue");
    }
  if (summary.badge != NULL)
    row_add_end (row, new_tone_label (summary.badge, summary.badge_tone, "record-badge"));

  g_object_set_data (G_OBJECT (row), "lb-record-kind", (gpointer) kind);
  g_object_set_data_full (G_OBJECT (row), "lb-record-id", g_memdup2 (&id, sizeof id), g_free);
  g_hash_table_insert (priv->rows, row_key (kind, id), row);

  lb_record_summary_clear (&summary);
}

static void
add_edit_and_delete (LbRecordListPage *self,
                     GtkWidget        *row,
                     gconstpointer     record,
                     gboolean          with_edit)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  gint64 id = LB_RECORD_ID_CONST (record);
  g_autofree char *name = lb_record_describe (record);
  g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), name);
  g_autofree char *delete = g_strdup_printf (_("Delete “%s”"), name);

  if (with_edit)
    row_add_end (row, new_icon_button ("document-edit-symbolic", _("Edit"), edit, "list.edit",
                                       record_target (kind, id)));
  row_add_end (row, new_icon_button ("user-trash-symbolic", _("Delete"), delete, "list.delete",
                                     record_target (kind, id)));
}

static GtkWidget *
build_child_row (LbRecordListPage *self,
                 gconstpointer     child,
                 gint64            now)
{
  GtkWidget *row = adw_action_row_new ();

  fill_row (self, row, child, NULL, NULL, now);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);
  add_edit_and_delete (self, row, child, FALSE);
  return row;
}

static GtkWidget *
build_row (LbRecordListPage *self,
           gconstpointer     record,
           GPtrArray        *children,
           const LbProject  *project,
           gint64            now)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  LbRecordListPageClass *klass = LB_RECORD_LIST_PAGE_GET_CLASS (self);
  gint64 id = LB_RECORD_ID_CONST (record);
  GtkWidget *row;

  if (priv->info != NULL && priv->info->child_kind != NULL)
    {
      GtkWidget *add_row = adw_action_row_new ();

      row = adw_expander_row_new ();
      fill_row (self, row, record, children, project, now);
      if (klass->decorate_row != NULL)
        klass->decorate_row (self, row, record);
      add_edit_and_delete (self, row, record, TRUE);

      for (guint i = 0; children != NULL && i < children->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), build_child_row (self, g_ptr_array_index (children, i), now));

      /* The last row adds a child. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _(priv->info->child_add_label));
      adw_action_row_add_prefix (ADW_ACTION_ROW (add_row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), TRUE);
      gtk_widget_add_css_class (add_row, "add-child-row");
      g_object_set_data_full (G_OBJECT (add_row), "lb-record-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (add_row, "activated", G_CALLBACK (on_add_child_activated), NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add_row);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (priv->expanded, &id));
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded_changed), self, G_CONNECT_SWAPPED);
    }
  else if (lb_page_insights_expands (priv->kind))
    {
      row = adw_expander_row_new ();
      fill_row (self, row, record, NULL, project, now);
      if (klass->decorate_row != NULL)
        klass->decorate_row (self, row, record);
      add_edit_and_delete (self, row, record, TRUE);
      lb_page_insights_add_rows (ADW_EXPANDER_ROW (row), record);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (priv->expanded, &id));
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded_changed), self, G_CONNECT_SWAPPED);
    }
  else
    {
      row = adw_action_row_new ();
      fill_row (self, row, record, NULL, project, now);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);
      if (klass->decorate_row != NULL)
        klass->decorate_row (self, row, record);
      add_edit_and_delete (self, row, record, FALSE);
    }
  return row;
}

/* ---- sections ------------------------------------------------------------------------------- */

static GtkWidget *
new_add_button (const char *icon_name,
                const char *label,
                const char *action_name,
                GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static AdwPreferencesGroup *
add_section (LbRecordListPage *self,
             guint             index)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  const LbKindSection *section = &priv->info->sections[index];
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _(section->title != NULL ? section->title : priv->info->title));
  if (section->description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _(section->description));

  if ((index == 0 && priv->extra_buttons->len > 0) || section->add_label != NULL)
    {
      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_valign (buttons, GTK_ALIGN_END);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
    }
  if (index == 0)
    for (guint i = 0; i < priv->extra_buttons->len; i++)
      {
        ExtraButton *extra = g_ptr_array_index (priv->extra_buttons, i);

        gtk_box_append (GTK_BOX (buttons), new_add_button (extra->icon_name, extra->label, extra->action_name, NULL));
      }
  if (section->add_label != NULL)
    gtk_box_append (GTK_BOX (buttons), new_add_button ("list-add-symbolic", _(section->add_label), "list.add",
                                                       g_variant_new_int32 ((gint32) index)));

  gtk_box_append (priv->sections_box, group);
  g_ptr_array_add (priv->sections, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
clear (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  GtkWidget *child;

  g_hash_table_remove_all (priv->rows);
  g_array_set_size (priv->ids, 0);
  priv->header = NULL;
  priv->drill_panel = NULL;
  g_ptr_array_set_size (priv->sections, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (priv->sections_box))) != NULL)
    gtk_box_remove (priv->sections_box, child);
}

static void
on_risk_cell_chosen (gpointer data,
                     int      likelihood,
                     int      impact)
{
  lb_record_list_page_set_risk_cell (LB_RECORD_LIST_PAGE (data), likelihood, impact);
}

void
lb_record_list_page_reload (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const LbFieldInfo *parent;
  const LbFieldInfo *child_parent = NULL;
  LbProject *project = NULL;
  GtkAdjustment *vadjustment;
  double scroll;
  gint64 now = lb_time_now_ms ();

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));

  vadjustment = gtk_scrolled_window_get_vadjustment (priv->scrolled);
  scroll = gtk_adjustment_get_value (vadjustment);
  clear (self);

  parent = lb_record_kind_parent_field (priv->kind);
  if (priv->store != NULL && priv->project_id != 0 && parent != NULL)
    {
      records = lb_store_list (priv->store, priv->kind, parent->name, priv->project_id, &error);
      if (records == NULL)
        g_warning ("Could not list %s: %s", priv->kind->table, error->message);
      project = lb_store_get (priv->store, &lb_project_kind, priv->project_id, NULL);
    }
  if (priv->info->child_kind != NULL)
    child_parent = lb_record_kind_parent_field (priv->info->child_kind);

  if (records == NULL || records->len == 0)
    {
      gtk_stack_set_visible_child_name (priv->stack, "empty");
      g_clear_pointer (&project, lb_record_free);
      return;
    }

  /* Rehearsals: drill mode for the (first) drill in progress, above everything. */
  if (priv->kind == &lb_rehearsal_kind)
    for (guint i = 0; i < records->len; i++)
      {
        const LbRehearsal *rehearsal = g_ptr_array_index (records, i);

        if (rehearsal->outcome == LB_OUTCOME_IN_PROGRESS)
          {
            priv->drill_panel = lb_drill_panel_new (priv->store, rehearsal->id);
            gtk_box_append (priv->sections_box, priv->drill_panel);
            break;
          }
      }

  priv->header = lb_page_insights_new_header (priv->kind, priv->store, project, records, &priv->risk_cell,
                                              on_risk_cell_chosen, self);
  if (priv->header != NULL)
    gtk_box_append (priv->sections_box, priv->header);

  for (guint s = 0; s < priv->info->n_sections; s++)
    {
      const LbKindSection *section = &priv->info->sections[s];
      AdwPreferencesGroup *group = add_section (self, s);
      guint n_rows = 0;

      for (guint i = 0; i < records->len; i++)
        {
          gconstpointer record = g_ptr_array_index (records, i);
          g_autoptr(GPtrArray) children = NULL;
          gint64 id = LB_RECORD_ID_CONST (record);

          if (section->filter != NULL && !section->filter (record))
            continue;
          if (priv->kind == &lb_risk_kind && !lb_page_insights_risk_in_cell (record, &priv->risk_cell))
            continue;
          if (child_parent != NULL)
            children = lb_store_list (priv->store, priv->info->child_kind, child_parent->name, id, NULL);
          adw_preferences_group_add (group, build_row (self, record, children, project, now));
          g_array_append_val (priv->ids, id);
          n_rows++;
        }

      if (n_rows == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          if (priv->kind == &lb_risk_kind && priv->risk_cell.likelihood > 0)
            /* TRANSLATORS: the risk list narrowed to an empty heat-map cell */
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No open risks in this cell"));
          else
            /* TRANSLATORS: an empty group of a list, e.g. no technical prerequisites yet */
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None yet"));
          gtk_widget_add_css_class (row, "dim-label");
          gtk_widget_add_css_class (row, "placeholder-row");
          adw_preferences_group_add (group, row);
        }
    }

  gtk_stack_set_visible_child_name (priv->stack, "list");
  gtk_adjustment_set_value (vadjustment, scroll);
  g_clear_pointer (&project, lb_record_free);
}

static void
on_store_changed (LbRecordListPage *self,
                  const char       *entity,
                  gint64            id,
                  LbStore          *store)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  if (priv->project_id == 0)
    return;
  if (g_strcmp0 (entity, "*") == 0 || g_strcmp0 (entity, priv->kind->table) == 0 ||
      (priv->info->child_kind != NULL && g_strcmp0 (entity, priv->info->child_kind->table) == 0) ||
      (g_strcmp0 (entity, lb_project_kind.table) == 0 && id == priv->project_id))
    lb_record_list_page_reload (self);
}

/* ---- actions -------------------------------------------------------------------------------- */

static void
on_dialog_saved (LbRecordListPage *self,
                 gint64            id,
                 gboolean          created,
                 LbRecordDialog   *dialog)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  gpointer record = lb_store_get (priv->store, lb_record_dialog_get_kind (dialog), id, NULL);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (record == NULL)
    return;
  name = lb_record_describe (record);
  /* TRANSLATORS: toasts after a record was written, "“Log growth” added" */
  message = g_strdup_printf (created ? _("“%s” added") : _("“%s” saved"), name);
  lb_record_list_page_toast (self, message);
  lb_record_free (record);
}

static void
open_dialog (LbRecordListPage   *self,
             const LbRecordKind *kind,
             gint64              id,
             gconstpointer       template_record)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  LbRecordDialog *dialog;

  g_return_if_fail (priv->store != NULL);

  dialog = lb_record_dialog_new (get_window (self), priv->store, kind, id, template_record);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (widget);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  gint32 index = g_variant_get_int32 (parameter);
  gpointer record;

  if (priv->store == NULL || priv->project_id == 0 || index < 0 || (guint) index >= priv->info->n_sections)
    return;
  record = lb_kind_info_new_record (priv->info, &priv->info->sections[index], priv->project_id);
  open_dialog (self, priv->kind, 0, record);
  lb_record_free (record);
}

static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (widget);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  gint64 parent_id = g_variant_get_int64 (parameter);
  const LbKindInfo *child_info;
  const LbFieldInfo *position;
  gpointer record;

  if (priv->store == NULL || priv->info->child_kind == NULL)
    return;
  child_info = lb_kind_info_lookup (priv->info->child_kind);
  record = lb_kind_info_new_record (child_info, NULL, parent_id);

  /* A new step goes after the others. */
  position = lb_record_kind_find_field (priv->info->child_kind, "position");
  if (position != NULL)
    {
      const LbFieldInfo *parent = lb_record_kind_parent_field (priv->info->child_kind);
      gint64 n = lb_store_count (priv->store, priv->info->child_kind, parent->name, parent_id, NULL);

      lb_record_set_int (position, record, MAX (n, 0) + 1);
    }
  open_dialog (self, priv->info->child_kind, 0, record);
  lb_record_free (record);
}

static void
start_drill_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (widget);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  if (priv->store == NULL || priv->project_id == 0 || priv->kind != &lb_rehearsal_kind)
    return;
  gtk_window_present (GTK_WINDOW (lb_drill_start_dialog_new (get_window (self), priv->store, priv->project_id)));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (widget);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  const char *table;
  gint64 id;
  const LbRecordKind *kind;

  g_variant_get (parameter, "(&sx)", &table, &id);
  kind = lb_record_kind_lookup (table);
  if (priv->store == NULL || kind == NULL || id <= 0)
    return;
  open_dialog (self, kind, id, NULL);
}

static void
on_deleted (GtkWidget    *owner,
            const char   *name,
            const GError *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      lb_record_list_page_show_error (LB_RECORD_LIST_PAGE (owner), _("Could Not Delete"), error->message);
      return;
    }
  message = g_strdup_printf (_("“%s” deleted"), name);
  lb_record_list_page_toast (LB_RECORD_LIST_PAGE (owner), message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (widget);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  const LbKindInfo *info;
  const LbRecordKind *kind;
  const char *table;
  gint64 id;

  g_variant_get (parameter, "(&sx)", &table, &id);
  kind = lb_record_kind_lookup (table);
  if (priv->store == NULL || kind == NULL)
    return;
  info = lb_kind_info_lookup (kind);
  lb_delete_confirmation_run (widget, priv->store, kind, id,
                              info != NULL && info->delete_body != NULL ? _(info->delete_body) : NULL, on_deleted);
}

/* ---- public API ----------------------------------------------------------------------------- */

GtkWidget *
lb_record_list_page_new (const LbRecordKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (lb_kind_info_lookup (kind) != NULL, NULL);

  return g_object_new (LB_TYPE_RECORD_LIST_PAGE, "kind", kind, NULL);
}

const LbRecordKind *
lb_record_list_page_get_kind (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), NULL);
  return priv->kind;
}

LbStore *
lb_record_list_page_get_store (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), NULL);
  return priv->store;
}

void
lb_record_list_page_set_store (LbRecordListPage *self,
                               LbStore          *store)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));
  g_return_if_fail (store == NULL || LB_IS_STORE (store));

  if (priv->store == store)
    return;
  if (priv->store != NULL)
    g_signal_handlers_disconnect_by_func (priv->store, on_store_changed, self);
  g_set_object (&priv->store, store);
  if (priv->store != NULL)
    g_signal_connect_object (priv->store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  priv->project_id = 0;
  g_hash_table_remove_all (priv->expanded);
  lb_record_list_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

gint64
lb_record_list_page_get_project_id (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), 0);
  return priv->project_id;
}

void
lb_record_list_page_set_project_id (LbRecordListPage *self,
                                    gint64            project_id)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));

  if (priv->project_id == project_id)
    return;
  priv->project_id = project_id;
  g_hash_table_remove_all (priv->expanded);
  /* Another project's heat map: nothing chosen in it yet. */
  priv->risk_cell.likelihood = priv->risk_cell.impact = 0;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (priv->scrolled), 0);
  lb_record_list_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

const char *
lb_record_list_page_get_state (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (priv->stack);
}

guint
lb_record_list_page_get_n_records (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), 0);
  return priv->ids->len;
}

gint64
lb_record_list_page_get_record_id (LbRecordListPage *self,
                                   guint             position)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), 0);
  g_return_val_if_fail (position < priv->ids->len, 0);
  return g_array_index (priv->ids, gint64, position);
}

GtkWidget *
lb_record_list_page_get_row (LbRecordListPage   *self,
                             const LbRecordKind *kind,
                             gint64              id)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  g_autofree char *key = NULL;

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  key = row_key (kind, id);
  return g_hash_table_lookup (priv->rows, key);
}

GtkWidget *
lb_record_list_page_get_drill_panel (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), NULL);
  return priv->drill_panel;
}

GtkWidget *
lb_record_list_page_get_header (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), NULL);

  return priv->header;
}

void
lb_record_list_page_set_risk_cell (LbRecordListPage *self,
                                   int               likelihood,
                                   int               impact)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));

  if (likelihood < 1 || likelihood > LB_RISK_SCALE || impact < 1 || impact > LB_RISK_SCALE)
    likelihood = impact = 0;
  if (priv->risk_cell.likelihood == likelihood && priv->risk_cell.impact == impact)
    return;
  priv->risk_cell.likelihood = likelihood;
  priv->risk_cell.impact = impact;
  lb_record_list_page_reload (self);
}

void
lb_record_list_page_get_risk_cell (LbRecordListPage *self,
                                   int              *likelihood,
                                   int              *impact)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));

  if (likelihood != NULL)
    *likelihood = priv->risk_cell.likelihood;
  if (impact != NULL)
    *impact = priv->risk_cell.impact;
}

GtkWidget *
lb_record_list_page_get_section (LbRecordListPage *self,
                                 guint             index)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_LIST_PAGE (self), NULL);
  return index < priv->sections->len ? g_ptr_array_index (priv->sections, index) : NULL;
}

static GtkWidget *
new_pill_button (const char *label,
                 const char *action_name,
                 GVariant   *target,
                 gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

void
lb_record_list_page_add_button (LbRecordListPage *self,
                                const char       *icon_name,
                                const char       *label,
                                const char       *action_name)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  ExtraButton *extra;

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));
  g_return_if_fail (label != NULL && action_name != NULL);

  extra = g_new0 (ExtraButton, 1);
  extra->icon_name = g_strdup (icon_name);
  extra->label = g_strdup (label);
  extra->action_name = g_strdup (action_name);
  g_ptr_array_add (priv->extra_buttons, extra);
  gtk_box_append (priv->empty_buttons,
                  new_pill_button (label, action_name, NULL, gtk_widget_get_first_child (GTK_WIDGET (priv->empty_buttons)) == NULL));
  lb_record_list_page_reload (self);
}

void
lb_record_list_page_set_top_bar (LbRecordListPage *self,
                                 GtkWidget        *bar)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_return_if_fail (LB_IS_RECORD_LIST_PAGE (self));
  g_return_if_fail (bar == NULL || GTK_IS_WIDGET (bar));

  if (priv->top_bar != NULL)
    gtk_box_remove (priv->content_box, priv->top_bar);
  priv->top_bar = bar;
  if (bar != NULL)
    gtk_box_prepend (priv->content_box, bar);
}

/* ---- size ----------------------------------------------------------------------------------- */

static gboolean
update_narrow (gpointer data)
{
  LbRecordListPage *self = data;
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  priv->narrow_idle = 0;
  priv->narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;
  lb_record_list_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
lb_record_list_page_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (LB_RECORD_LIST_PAGE (widget));

  gtk_widget_measure (GTK_WIDGET (priv->content_box), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
lb_record_list_page_get_request_mode (GtkWidget *widget)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (LB_RECORD_LIST_PAGE (widget));

  return gtk_widget_get_request_mode (GTK_WIDGET (priv->content_box));
}

/* A breakpoint of our own (AdwBreakpoint is libadwaita 1.4): the rows are built again,
 * outside the allocation, when the width crosses NARROW_WIDTH. */
static void
lb_record_list_page_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (widget);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  gtk_widget_allocate (GTK_WIDGET (priv->content_box), width, height, baseline, NULL);
  if ((width < NARROW_WIDTH) != priv->narrow && priv->narrow_idle == 0)
    priv->narrow_idle = g_idle_add (update_narrow, self);
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
lb_record_list_page_constructed (GObject *object)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (object);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  G_OBJECT_CLASS (lb_record_list_page_parent_class)->constructed (object);

  g_return_if_fail (priv->kind != NULL);
  priv->info = lb_kind_info_lookup (priv->kind);
  g_return_if_fail (priv->info != NULL);

  adw_status_page_set_icon_name (priv->empty_page, priv->info->icon_name);
  adw_status_page_set_title (priv->empty_page, _(priv->info->empty_title));
  if (priv->info->empty_description != NULL)
    adw_status_page_set_description (priv->empty_page, _(priv->info->empty_description));
  for (guint i = 0; i < priv->info->n_sections; i++)
    if (priv->info->sections[i].add_label != NULL)
      gtk_box_append (priv->empty_buttons,
                      new_pill_button (_(priv->info->sections[i].add_label), "list.add",
                                       g_variant_new_int32 ((gint32) i), i == 0));
  if (priv->kind == &lb_rehearsal_kind)
    lb_record_list_page_add_button (self, "media-playback-start-symbolic", _("Start _Drill"), "list.start-drill");
  lb_record_list_page_reload (self);
}

static void
lb_record_list_page_dispose (GObject *object)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (object);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);
  GtkWidget *child;

  if (priv->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (priv->store, on_store_changed, self);
      g_clear_object (&priv->store);
    }
  g_clear_handle_id (&priv->narrow_idle, g_source_remove);
  if (priv->rows != NULL)
    g_hash_table_remove_all (priv->rows);
  /* GTK 4.8's gtk_widget_dispose_template() looks the template up on the instance's class,
   * which a subclass without a template of its own does not have: unparent by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  priv->content_box = NULL;
  priv->top_bar = NULL;
  priv->stack = NULL;
  priv->scrolled = NULL;
  priv->sections_box = NULL;
  priv->empty_page = NULL;
  priv->empty_buttons = NULL;
  G_OBJECT_CLASS (lb_record_list_page_parent_class)->dispose (object);
}

static void
lb_record_list_page_finalize (GObject *object)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (object);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  g_clear_pointer (&priv->sections, g_ptr_array_unref);
  g_clear_pointer (&priv->ids, g_array_unref);
  g_clear_pointer (&priv->rows, g_hash_table_unref);
  g_clear_pointer (&priv->expanded, g_hash_table_unref);
  g_clear_pointer (&priv->extra_buttons, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_record_list_page_parent_class)->finalize (object);
}

static void
lb_record_list_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_pointer (value, (gpointer) lb_record_list_page_get_kind (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, lb_record_list_page_get_store (self));
      break;
    case PROP_PROJECT_ID:
      g_value_set_int64 (value, lb_record_list_page_get_project_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_record_list_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LbRecordListPage *self = LB_RECORD_LIST_PAGE (object);
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_KIND:
      priv->kind = g_value_get_pointer (value);
      break;
    case PROP_STORE:
      lb_record_list_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_PROJECT_ID:
      lb_record_list_page_set_project_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_record_list_page_class_init (LbRecordListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lb_record_list_page_constructed;
  object_class->dispose = lb_record_list_page_dispose;
  object_class->finalize = lb_record_list_page_finalize;
  object_class->get_property = lb_record_list_page_get_property;
  object_class->set_property = lb_record_list_page_set_property;

  /* An LbRecordKind with an entry in the kind table (lb-kind-info.c). */
  properties[PROP_KIND] =
    g_param_spec_pointer ("kind", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_ID] =
    g_param_spec_int64 ("project-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LbRecordListPage::add-toast:
   * @toast: an AdwToast
   *
   * The page has something to tell (a record was added, saved or deleted); the window
   * shows it in its toast overlay.
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  widget_class->get_request_mode = lb_record_list_page_get_request_mode;
  widget_class->measure = lb_record_list_page_measure;
  widget_class->size_allocate = lb_record_list_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-record-list-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordListPage, content_box);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordListPage, stack);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordListPage, scrolled);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordListPage, sections_box);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordListPage, empty_page);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordListPage, empty_buttons);

  gtk_widget_class_install_action (widget_class, "list.add", "i", add_action);
  gtk_widget_class_install_action (widget_class, "list.add-child", "x", add_child_action);
  gtk_widget_class_install_action (widget_class, "list.start-drill", NULL, start_drill_action);
  gtk_widget_class_install_action (widget_class, "list.edit", "(sx)", edit_action);
  gtk_widget_class_install_action (widget_class, "list.delete", "(sx)", delete_action);
}

static void
lb_record_list_page_init (LbRecordListPage *self)
{
  LbRecordListPagePrivate *priv = lb_record_list_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->sections = g_ptr_array_new ();
  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  priv->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  priv->extra_buttons = g_ptr_array_new_with_free_func (extra_button_free);
}
