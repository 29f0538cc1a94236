/* lb-portfolio-view.c
 *
 * Model chain: GListStore of LbPortfolioItem → GtkFilterListModel (search words and wave)
 * → GtkSortListModel (the column view's sorter) → GtkSingleSelection. The rows come from
 * lb_portfolio_load(), a few indexed reads per project; after the store changes they are
 * read again once the main loop is idle, so a burst of writes costs one reload. Selection
 * and filters survive reloads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-portfolio-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-portfolio-item.h"
#include "lb-portfolio-view.h"
#include "lb-record-summary.h"
#include "lb-status-badge.h"

struct _LbPortfolioView
{
  GtkWidget           parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *summary_label;
  GtkDropDown        *wave_filter;
  GtkStack           *table_stack;
  GtkColumnView      *column_view;
  GtkActionBar       *action_bar;
  GtkLabel           *selected_label;
  GtkDropDown        *move_dropdown;

  GListStore         *items;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GArray             *filter_wave_ids; /* gint64 per wave_filter entry */
  GArray             *move_wave_ids;   /* gint64 per move_dropdown entry */

  LbStore            *store;
  char               *query;
  gint64              wave_id;         /* the wave filter */
  guint               reload_id;
  guint               updating : 1;    /* dropdowns set by code, not by the user */
};

G_DEFINE_FINAL_TYPE (LbPortfolioView, lb_portfolio_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_SEARCH_MODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { PROJECT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_NAME,
  COLUMN_WAVE,
  COLUMN_SCENARIO,
  COLUMN_STATUS,
  COLUMN_READINESS,
  COLUMN_REHEARSAL,
  COLUMN_RISKS,
  COLUMN_MONTHLY,
  COLUMN_LAG,
} Column;

static LbPortfolioItem *
selected_item (LbPortfolioView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* ---- cells ------------------------------------------------------------------------------ */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_RISKS || column == COLUMN_MONTHLY ||
                                             column == COLUMN_LAG ? 1 : 0);
  /* Names and waves may be long: they ellipsize, but keep enough to be told apart when
   * the window is narrow (the table scrolls sideways then). Figures never ellipsize. */
  if (column == COLUMN_NAME || column == COLUMN_WAVE)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column == COLUMN_NAME ? 18 : 10);
    }
  gtk_widget_set_hexpand (label, TRUE);
  if (column == COLUMN_NAME)
    gtk_widget_add_css_class (label, "heading");
  if (column == COLUMN_RISKS || column == COLUMN_MONTHLY || column == COLUMN_LAG)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_READINESS)
    gtk_box_append (GTK_BOX (box), gtk_image_new ());
  if (column == COLUMN_STATUS)
    {
      GtkWidget *badge = lb_status_badge_new (0, FALSE);

      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), badge);
    }
  else
    gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
set_tone (GtkWidget *widget,
          LbTone     tone)
{
  static const LbTone tones[] = { LB_TONE_SUCCESS, LB_TONE_WARNING, LB_TONE_ERROR, LB_TONE_ACCENT };

  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    gtk_widget_remove_css_class (widget, lb_record_summary_tone_class (tones[i]));
  if (tone != LB_TONE_NONE)
    gtk_widget_add_css_class (widget, lb_record_summary_tone_class (tone));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  LbPortfolioItem *item = gtk_list_item_get_item (list_item);
  const LbPortfolioRow *row = lb_portfolio_item_get_row (item);
  const LbProject *project = row->project;
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *first = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  LbTone tone = LB_TONE_NONE;

  switch (column)
    {
    case COLUMN_NAME:
      text = g_strdup (project->name);
      if (project->source_server != NULL && project->target_instance != NULL)
        /* TRANSLATORS: tooltip of a project's name, "sql-erp-01 → mi-luma-erp" */
        tooltip = g_strdup_printf (_("%s → %s"), project->source_server, project->target_instance);
      break;
    case COLUMN_WAVE:
      text = g_strdup (row->wave != NULL ? row->wave : "—");
      break;
    case COLUMN_SCENARIO:
      text = g_strdup (lb_enum_info_label (lb_record_kind_find_field (&lb_project_kind, "scenario")->enum_info,
                                           project->scenario));
      break;
    case COLUMN_STATUS:
      lb_status_badge_set_status (LB_STATUS_BADGE (first), project->status);
      return;
    case COLUMN_READINESS:
      text = g_strdup (row->production_ready ? _("Production-ready") : _("Not ready"));
      tooltip = g_strdup (row->readiness_summary);
      gtk_image_set_from_icon_name (GTK_IMAGE (first), row->production_ready ? "object-select-symbolic"
                                                                             : "dialog-warning-symbolic");
      tone = row->production_ready ? LB_TONE_SUCCESS : LB_TONE_WARNING;
      set_tone (first, tone);
      tone = LB_TONE_NONE;
      break;
    case COLUMN_REHEARSAL:
      text = lb_portfolio_row_rehearsal_text (row);
      if (row->last_rehearsal != NULL)
        {
          tooltip = g_strdup (row->last_rehearsal->title);
          tone = lb_portfolio_item_rehearsal_missed (item) ? LB_TONE_ERROR : LB_TONE_NONE;
        }
      break;
    case COLUMN_RISKS:
      text = g_strdup_printf ("%u", row->open_high_risks);
      tone = row->open_high_risks > 0 ? LB_TONE_ERROR : LB_TONE_NONE;
      break;
    case COLUMN_MONTHLY:
      text = lb_portfolio_item_monthly_text (item);
      break;
    case COLUMN_LAG:
      text = lb_portfolio_row_lag_text (row);
      tone = lb_portfolio_item_lag_over (item) ? LB_TONE_ERROR : LB_TONE_NONE;
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (box, tooltip);
  set_tone (label, tone);
}

static void
add_column (LbPortfolioView  *self,
            Column            column,
            const char       *title,
            GCompareDataFunc  compare,
            gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (sorter);
  g_object_unref (view_column);
}

/* ---- filter, summary, selection --------------------------------------------------------- */

static gboolean
filter_item (gpointer item,
             gpointer data)
{
  LbPortfolioView *self = data;
  const LbPortfolioRow *row = lb_portfolio_item_get_row (item);

  if (self->wave_id != LB_PORTFOLIO_ALL_WAVES && row->project->wave_id != self->wave_id)
    {
      /* A project whose wave is gone counts as without a wave, as in the sidebar. */
      if (!(self->wave_id == LB_PORTFOLIO_NO_WAVE && row->wave == NULL))
        return FALSE;
    }
  return lb_portfolio_item_matches (item, self->query);
}

static void
update_summary (LbPortfolioView *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint ready = 0, risks = 0, missed = 0, lag_over = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbPortfolioItem) item = g_list_model_get_item (model, i);
      const LbPortfolioRow *row = lb_portfolio_item_get_row (item);

      ready += row->production_ready;
      risks += row->open_high_risks;
      missed += lb_portfolio_item_rehearsal_missed (item);
      lag_over += lb_portfolio_item_lag_over (item);
    }

  if (n == total)
    /* TRANSLATORS: "3 of 8 projects production-ready" */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u of %u project production-ready",
                                                       "%u of %u projects production-ready", total),
                                             ready, total));
  else
    /* TRANSLATORS: "5 of 8 projects shown, 2 production-ready" */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u of %u project shown, %u production-ready",
                                                       "%u of %u projects shown, %u production-ready", total),
                                             n, total, ready));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u open high risk", "%u open high risks", risks), risks));
  if (missed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u last rehearsal missed its target or failed",
                                                       "%u last rehearsals missed their target or failed",
                                                       missed), missed));
  if (lag_over > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u link lagging over its threshold",
                                                       "%u links lagging over their threshold", lag_over),
                                             lag_over));
  g_ptr_array_add (parts, NULL);
  text = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_text (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->table_stack, n > 0 || total == 0 ? "table" : "no-match");
}

static void
refilter (LbPortfolioView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static guint
index_of_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
update_action_bar (LbPortfolioView *self)
{
  LbPortfolioItem *item = selected_item (self);
  const LbPortfolioRow *row;
  guint position;

  gtk_action_bar_set_revealed (self->action_bar, item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.open", item != NULL);
  if (item == NULL)
    return;
  row = lb_portfolio_item_get_row (item);
  gtk_label_set_text (self->selected_label, row->project->name);
  position = index_of_id (self->move_wave_ids, row->wave != NULL ? row->project->wave_id : LB_PORTFOLIO_NO_WAVE);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->move_dropdown, position);
  self->updating = FALSE;
}

static void
on_selection_changed (LbPortfolioView *self)
{
  update_action_bar (self);
}

/* ---- loading ---------------------------------------------------------------------------- */

static void
fill_wave_dropdowns (LbPortfolioView *self,
                     GPtrArray       *waves)
{
  g_autoptr(GtkStringList) filter_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) move_names = gtk_string_list_new (NULL);
  gint64 id;
  guint position;

  g_array_set_size (self->filter_wave_ids, 0);
  g_array_set_size (self->move_wave_ids, 0);
  gtk_string_list_append (filter_names, _("All Waves"));
  id = LB_PORTFOLIO_ALL_WAVES;
  g_array_append_val (self->filter_wave_ids, id);
  for (guint i = 0; waves != NULL && i < waves->len; i++)
    {
      const LbWave *wave = waves->pdata[i];

      gtk_string_list_append (filter_names, wave->name);
      gtk_string_list_append (move_names, wave->name);
      g_array_append_val (self->filter_wave_ids, wave->id);
      g_array_append_val (self->move_wave_ids, wave->id);
    }
  gtk_string_list_append (filter_names, _("No Wave"));
  gtk_string_list_append (move_names, _("No Wave"));
  id = LB_PORTFOLIO_NO_WAVE;
  g_array_append_val (self->filter_wave_ids, id);
  g_array_append_val (self->move_wave_ids, id);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->wave_filter, G_LIST_MODEL (filter_names));
  gtk_drop_down_set_model (self->move_dropdown, G_LIST_MODEL (move_names));
  /* The filtered wave may have been deleted meanwhile: then show all. */
  position = index_of_id (self->filter_wave_ids, self->wave_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      self->wave_id = LB_PORTFOLIO_ALL_WAVES;
      position = 0;
    }
  gtk_drop_down_set_selected (self->wave_filter, position);
  self->updating = FALSE;
}

void
lb_portfolio_view_reload (LbPortfolioView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) waves = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 selected_id;

  g_return_if_fail (LB_IS_PORTFOLIO_VIEW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  selected_id = lb_portfolio_view_get_selected_project_id (self);

  if (self->store != NULL)
    {
      waves = lb_store_list (self->store, &lb_wave_kind, NULL, 0, &error);
      if (waves != NULL)
        rows = lb_portfolio_load (self->store, &error);
      if (rows == NULL)
        g_warning ("Could not load the portfolio: %s", error->message);
    }

  fill_wave_dropdowns (self, waves);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_ptr_array_add (items, lb_portfolio_item_new (rows->pdata[i]));
  /* The items own the rows now. */
  if (rows != NULL)
    g_ptr_array_set_free_func (rows, NULL);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_summary (self);
  if (selected_id == 0 || !lb_portfolio_view_select_project (self, selected_id))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_action_bar (self);
}

static gboolean
reload_when_idle (gpointer data)
{
  LbPortfolioView *self = data;

  self->reload_id = 0;
  lb_portfolio_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (LbPortfolioView *self,
                  const char      *entity,
                  gint64           id,
                  LbStore         *store)
{
  /* Every kind feeds some column (lag samples too), so any change counts. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_when_idle, self, NULL);
}

/* ---- user actions ----------------------------------------------------------------------- */

static void
on_search_changed (LbPortfolioView *self,
                   GtkSearchEntry  *entry)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  refilter (self);
}

static void
on_stop_search (LbPortfolioView *self,
                GtkSearchEntry  *entry)
{
  lb_portfolio_view_set_search_mode (self, FALSE);
}

static void
on_wave_filter_changed (LbPortfolioView *self,
                        GParamSpec      *pspec,
                        GtkDropDown     *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->updating || position >= self->filter_wave_ids->len)
    return;
  self->wave_id = g_array_index (self->filter_wave_ids, gint64, position);
  refilter (self);
}

static void
on_move_selected (LbPortfolioView *self,
                  GParamSpec      *pspec,
                  GtkDropDown     *dropdown)
{
  g_autoptr(GError) error = NULL;
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->updating || position >= self->move_wave_ids->len)
    return;
  if (!lb_portfolio_view_move_selected (self, g_array_index (self->move_wave_ids, gint64, position), &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could Not Move the Project"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      update_action_bar (self);
    }
}

static void
on_activate (LbPortfolioView *self,
             guint            position,
             GtkColumnView   *view)
{
  g_autoptr(LbPortfolioItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, lb_portfolio_item_get_project_id (item));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LbPortfolioView *self = LB_PORTFOLIO_VIEW (widget);
  LbPortfolioItem *item = selected_item (self);

  if (item != NULL)
    g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, lb_portfolio_item_get_project_id (item));
}

/* ---- public ----------------------------------------------------------------------------- */

LbStore *
lb_portfolio_view_get_store (LbPortfolioView *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), NULL);
  return self->store;
}

void
lb_portfolio_view_set_store (LbPortfolioView *self,
                             LbStore         *store)
{
  g_return_if_fail (LB_IS_PORTFOLIO_VIEW (self));
  g_return_if_fail (store == NULL || LB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->wave_id = LB_PORTFOLIO_ALL_WAVES;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  lb_portfolio_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GtkColumnView *
lb_portfolio_view_get_column_view (LbPortfolioView *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), NULL);
  return self->column_view;
}

GListModel *
lb_portfolio_view_get_model (LbPortfolioView *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

guint
lb_portfolio_view_get_n_projects (LbPortfolioView *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

gboolean
lb_portfolio_view_get_search_mode (LbPortfolioView *self)
{
  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
lb_portfolio_view_set_search_mode (LbPortfolioView *self,
                                   gboolean         search_mode)
{
  g_return_if_fail (LB_IS_PORTFOLIO_VIEW (self));

  if (gtk_search_bar_get_search_mode (self->search_bar) == search_mode)
    return;
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

void
lb_portfolio_view_set_search_text (LbPortfolioView *self,
                                   const char      *text)
{
  g_return_if_fail (LB_IS_PORTFOLIO_VIEW (self));

  lb_portfolio_view_set_search_mode (self, text != NULL && *text != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* search-changed comes after a delay; filter now. */
  g_free (self->query);
  self->query = g_strdup (text);
  refilter (self);
}

gboolean
lb_portfolio_view_set_wave_filter (LbPortfolioView *self,
                                   gint64           wave_id)
{
  guint position;

  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), FALSE);

  position = index_of_id (self->filter_wave_ids, wave_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (self->wave_filter, position);
  return TRUE;
}

gint64
lb_portfolio_view_get_selected_project_id (LbPortfolioView *self)
{
  LbPortfolioItem *item;

  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), 0);

  item = selected_item (self);
  return item != NULL ? lb_portfolio_item_get_project_id (item) : 0;
}

gboolean
lb_portfolio_view_select_project (LbPortfolioView *self,
                                  gint64           project_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), FALSE);

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LbPortfolioItem) item = g_list_model_get_item (model, i);

      if (lb_portfolio_item_get_project_id (item) == project_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
lb_portfolio_view_move_selected (LbPortfolioView *self,
                                 gint64           wave_id,
                                 GError         **error)
{
  LbPortfolioItem *item;
  LbProject *project;
  gboolean ok;

  g_return_val_if_fail (LB_IS_PORTFOLIO_VIEW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if ((item = selected_item (self)) == NULL)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_NOT_FOUND, _("No project is selected"));
      return FALSE;
    }
  /* Read it again: the row may be a moment older than the store. */
  project = lb_store_get (self->store, &lb_project_kind, lb_portfolio_item_get_project_id (item), error);
  if (project == NULL)
    return FALSE;
  if (project->wave_id == wave_id)
    {
      lb_record_free (project);
      return TRUE;
    }
  project->wave_id = wave_id;
  ok = lb_store_update (self->store, project, error);
  lb_record_free (project);
  return ok;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lb_portfolio_view_dispose (GObject *object)
{
  LbPortfolioView *self = LB_PORTFOLIO_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_PORTFOLIO_VIEW);
  /* dispose_template() only unparents the children the class binds. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (lb_portfolio_view_parent_class)->dispose (object);
}

static void
lb_portfolio_view_finalize (GObject *object)
{
  LbPortfolioView *self = LB_PORTFOLIO_VIEW (object);

  g_clear_pointer (&self->filter_wave_ids, g_array_unref);
  g_clear_pointer (&self->move_wave_ids, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (lb_portfolio_view_parent_class)->finalize (object);
}

static void
lb_portfolio_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LbPortfolioView *self = LB_PORTFOLIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, lb_portfolio_view_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_portfolio_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LbPortfolioView *self = LB_PORTFOLIO_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lb_portfolio_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      lb_portfolio_view_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_portfolio_view_class_init (LbPortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_portfolio_view_dispose;
  object_class->finalize = lb_portfolio_view_finalize;
  object_class->get_property = lb_portfolio_view_get_property;
  object_class->set_property = lb_portfolio_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LbPortfolioView::project-activated:
   * @project_id: the project to open
   *
   * A row was double-clicked or activated with Enter, or Open Project was pressed.
   */
  signals[PROJECT_ACTIVATED] = g_signal_new ("project-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, wave_filter);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, table_stack);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, selected_label);
  gtk_widget_class_bind_template_child (widget_class, LbPortfolioView, move_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_wave_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_move_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_install_action (widget_class, "portfolio.open", NULL, open_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portfolioview");
}

static void
lb_portfolio_view_init (LbPortfolioView *self)
{
  g_autoptr(GtkColumnViewColumn) wave_column = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->wave_id = LB_PORTFOLIO_ALL_WAVES;
  self->filter_wave_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->move_wave_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  add_column (self, COLUMN_NAME, _("Project"), lb_portfolio_item_compare_name, TRUE);
  add_column (self, COLUMN_WAVE, _("Wave"), lb_portfolio_item_compare_wave, FALSE);
  add_column (self, COLUMN_SCENARIO, _("Scenario"), lb_portfolio_item_compare_scenario, FALSE);
  add_column (self, COLUMN_STATUS, _("Status"), lb_portfolio_item_compare_status, FALSE);
  add_column (self, COLUMN_READINESS, _("Readiness"), lb_portfolio_item_compare_readiness, FALSE);
  add_column (self, COLUMN_REHEARSAL, _("Last Rehearsal"), lb_portfolio_item_compare_rehearsal, FALSE);
  add_column (self, COLUMN_RISKS, _("High Risks"), lb_portfolio_item_compare_risks, FALSE);
  add_column (self, COLUMN_MONTHLY, _("Monthly Cost"), lb_portfolio_item_compare_monthly, FALSE);
  add_column (self, COLUMN_LAG, _("Lag Now"), lb_portfolio_item_compare_lag, FALSE);

  self->items = g_list_store_new (LB_TYPE_PORTFOLIO_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), g_object_ref (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* Waves in plan order first, as the sidebar shows them. */
  wave_column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), COLUMN_WAVE);
  gtk_column_view_sort_by_column (self->column_view, wave_column, GTK_SORT_ASCENDING);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.open", FALSE);
}
