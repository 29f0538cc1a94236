/* lb-history-page.c
 *
 * The audit log keeps, for every write, the record as JSON before and after it. A
 * project's history is the entries of the project itself and of the records that carry
 * its id — and of the steps and tags under its rehearsals and cost items, found through
 * their parents' entries. The log is read and filtered here, in one pass, when the page
 * is shown after a change; a change's rows are built when it is expanded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-history-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lb-history-page.h"
#include "lb-record-summary.h"

/* More is not readable in a list; the newest are the ones people look for. */
#define MAX_ROWS 300
/* Longer values (notes, JSON designs) are cut in the list. */
#define MAX_VALUE_CHARS 200

typedef struct
{
  const LbRecordKind *kind;
  int                 action;
  char               *title;
  char               *subtitle;
  GPtrArray          *labels;  /* char*, the fields that changed */
  GPtrArray          *values;  /* char*, "3 → 5" or "3" */
  GStrv               texts;   /* "Likelihood: 3 → 5", made when asked */
} Entry;

struct _LbHistoryPage
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  GtkScrolledWindow   *scrolled;
  AdwPreferencesGroup *group;
  GtkDropDown         *filter_dropdown;
  GtkLabel            *limit_label;

  LbStore             *store;
  gint64               project_id;
  const LbRecordKind  *filter;
  GPtrArray           *entries;       /* Entry*, newest first */
  GPtrArray           *shown;         /* Entry*, unowned: those the filter lets through */
  GPtrArray           *rows;          /* the rows of shown entries (unowned, in the group) */
  GPtrArray           *filter_kinds;  /* const LbRecordKind*, the dropdown's items after "All" */
  GtkStringList       *filter_model;
  GHashTable          *names;         /* "table:id" → name of a referenced record, while loading */
  guint                dirty : 1;
  guint                filling_filter : 1;
};

G_DEFINE_FINAL_TYPE (LbHistoryPage, lb_history_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_PROJECT_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->title);
  g_free (entry->subtitle);
  g_ptr_array_unref (entry->labels);
  g_ptr_array_unref (entry->values);
  g_strfreev (entry->texts);
  g_free (entry);
}

/* ---- reading the log -------------------------------------------------------------------- */

static JsonObject *
parse_object (const char *json,
              JsonParser *parser)
{
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root)) : NULL;
}

static gboolean
member_is_int (JsonObject *object,
               const char *name,
               gint64      value)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return FALSE;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
         json_node_get_int (node) == value;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return 0;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static char *
ref_name (LbHistoryPage     *self,
          const LbFieldInfo *field,
          gint64             id)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, field->ref_kind->table, id);
  const char *cached = g_hash_table_lookup (self->names, key);
  gpointer record;
  char *name;

  if (cached != NULL)
    return g_strdup (cached);
  record = self->store != NULL ? lb_store_get (self->store, field->ref_kind, id, NULL) : NULL;
  if (record != NULL)
    {
      name = lb_record_describe (record);
      lb_record_free (record);
    }
  else
    /* TRANSLATORS: a reference to a record that no longer exists, "#12 (deleted)" */
    name = g_strdup_printf (_("#%" G_GINT64_FORMAT " (deleted)"), id);
  g_hash_table_insert (self->names, g_steal_pointer (&key), g_strdup (name));
  return name;
}

/* A value as the audit log keeps it (lb_record_to_json()), as people read it. */
static char *
value_to_display (LbHistoryPage     *self,
                  const LbFieldInfo *field,
                  JsonNode          *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    /* TRANSLATORS: a field without a value in the history of changes */
    return g_strdup (_("not set"));

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      text = g_strdup (json_node_get_string (node));
      break;
    case LB_FIELD_INT:
      if (field->unit != NULL && g_str_equal (field->unit, "B"))
        return g_format_size ((guint64) json_node_get_int (node));
      text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case LB_FIELD_REAL:
      text = g_strdup_printf ("%g", json_node_get_double (node));
      break;
    case LB_FIELD_MONEY:
      return lb_record_summary_format_money (json_node_get_int (node), NULL);
    case LB_FIELD_TIME:
      {
        gint64 ms;

        if (json_node_get_value_type (node) == G_TYPE_STRING && lb_time_parse (json_node_get_string (node), NULL, &ms))
          return lb_time_format_local (ms);
        text = g_strdup (json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "?");
        break;
      }
    case LB_FIELD_ENUM:
      {
        const char *nick = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
        int value = lb_enum_info_lookup (field->enum_info, nick);

        return g_strdup (value != LB_UNSET_ENUM ? lb_enum_info_label (field->enum_info, value) : nick);
      }
    case LB_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case LB_FIELD_REF:
      return ref_name (self, field, json_node_get_int (node));
    case LB_FIELD_BLOB:
      return g_format_size ((guint64) json_node_get_int (node));
    default:
      g_assert_not_reached ();
    }

  if (text == NULL)
    return g_strdup ("");
  if (field->unit != NULL)
    {
      char *with_unit = g_strdup_printf ("%s %s", text, field->unit);

      g_free (text);
      text = with_unit;
    }
  /* One line, and not a page of it. */
  g_strdelimit (text, "\n\r\t", ' ');
  if (g_utf8_strlen (text, -1) > MAX_VALUE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, MAX_VALUE_CHARS);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static gboolean
field_is_listed (const LbFieldInfo *field)
{
  /* The parent is the page's project; timestamps the store sets change with every write. */
  return !(field->flags & LB_FIELD_PARENT) &&
         !((field->flags & LB_FIELD_COMPUTED) && field->type == LB_FIELD_TIME);
}

static char *
describe_json (LbHistoryPage      *self,
               const LbRecordKind *kind,
               JsonObject         *object,
               gint64              id)
{
  const LbFieldInfo *field = lb_record_kind_find_field (kind, kind->title_field);
  JsonNode *node = field != NULL && object != NULL ? json_object_get_member (object, field->name) : NULL;

  /* A tag is its key and value: "env = prod". */
  if (kind == &lb_cost_tag_kind && node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      json_object_get_member (object, "value") != NULL && !json_object_get_null_member (object, "value"))
    return g_strdup_printf ("%s = %s", json_object_get_string_member (object, "key"),
                            json_object_get_string_member (object, "value"));
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return value_to_display (self, field, node);
  return g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

static Entry *
entry_new (LbHistoryPage      *self,
           const LbAuditEntry *audit,
           const LbRecordKind *kind,
           JsonObject         *before,
           JsonObject         *after)
{
  Entry *entry = g_new0 (Entry, 1);
  g_autofree char *name = describe_json (self, kind, after != NULL ? after : before, audit->entity_id);
  g_autofree char *when = lb_time_format_local (audit->at);
  const char *action = lb_enum_info_label (&lb_audit_action_enum, audit->action);

  entry->kind = kind;
  entry->action = audit->action;
  entry->labels = g_ptr_array_new_with_free_func (g_free);
  entry->values = g_ptr_array_new_with_free_func (g_free);
  /* TRANSLATORS: a record in the history, "Risk “Log growth”" */
  entry->title = g_strdup_printf (_("%s “%s”"), _(kind->label), name);

  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];
      JsonNode *old = before != NULL ? json_object_get_member (before, field->name) : NULL;
      JsonNode *new = after != NULL ? json_object_get_member (after, field->name) : NULL;

      if (!field_is_listed (field))
        continue;
      if (before != NULL && after != NULL)
        {
          g_autofree char *old_text = NULL;
          g_autofree char *new_text = NULL;

          if (old != NULL && new != NULL && json_node_equal (old, new))
            continue;
          old_text = value_to_display (self, field, old);
          new_text = value_to_display (self, field, new);
          g_ptr_array_add (entry->labels, g_strdup (_(field->label)));
          /* TRANSLATORS: a field's value before and after a change, "3 → 5" */
          g_ptr_array_add (entry->values, g_strdup_printf (_("%s → %s"), old_text, new_text));
        }
      else
        {
          JsonNode *node = new != NULL ? new : old;

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          g_ptr_array_add (entry->labels, g_strdup (_(field->label)));
          g_ptr_array_add (entry->values, value_to_display (self, field, node));
        }
    }

  /* TRANSLATORS: who did what when, "Changed by jana, 2026-11-29 14:05" */
  entry->subtitle = g_strdup_printf (_("%s by %s, %s"), action != NULL ? action : "",
                                     audit->os_user != NULL ? audit->os_user : "?", when);
  if (before != NULL && after != NULL && entry->labels->len > 0)
    {
      GString *subtitle = g_string_new (entry->subtitle);

      /* The fields that changed, after who and when. */
      for (guint i = 0; i < entry->labels->len; i++)
        g_string_append_printf (subtitle, "%s%s", i == 0 ? " · " : ", ", (char *) g_ptr_array_index (entry->labels, i));
      g_free (entry->subtitle);
      entry->subtitle = g_string_free (subtitle, FALSE);
    }
  return entry;
}

/* Whether @audit is about the project, and notes the rehearsals and cost items it
 * creates so that their steps and tags are found too. */
static gboolean
belongs_to_project (LbHistoryPage      *self,
                    const LbAuditEntry *audit,
                    const LbRecordKind *kind,
                    JsonObject         *before,
                    JsonObject         *after,
                    GHashTable         *parents)
{
  const LbFieldInfo *parent = lb_record_kind_parent_field (kind);
  JsonObject *object = after != NULL ? after : before;

  if (kind == &lb_project_kind)
    return audit->entity_id == self->project_id;
  if (parent == NULL)
    return FALSE;
  if (parent->ref_kind == &lb_project_kind)
    {
      if (!member_is_int (after, parent->name, self->project_id) &&
          !member_is_int (before, parent->name, self->project_id))
        return FALSE;
      g_hash_table_add (parents, g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind->table, audit->entity_id));
      return TRUE;
    }
  /* A step or a tag: its parent must be one of the project's. */
  {
    g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, parent->ref_kind->table,
                                            member_int (object, parent->name));

    return g_hash_table_contains (parents, key);
  }
}

static void
load_entries (LbHistoryPage *self)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) parents = NULL;
  g_autoptr(JsonParser) parser = NULL;

  g_ptr_array_set_size (self->entries, 0);
  if (self->store == NULL || self->project_id == 0)
    return;

  log = lb_store_list (self->store, &lb_audit_entry_kind, NULL, 0, &error);
  if (log == NULL)
    {
      g_warning ("Could not read the audit log: %s", error->message);
      return;
    }

  parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parser = json_parser_new ();
  g_hash_table_remove_all (self->names);

  /* Oldest first, so that parents are known before their children. */
  for (guint i = 0; i < log->len; i++)
    {
      const LbAuditEntry *audit = g_ptr_array_index (log, i);
      const LbRecordKind *kind = audit->entity != NULL ? lb_record_kind_lookup (audit->entity) : NULL;
      g_autoptr(JsonObject) before = NULL;
      g_autoptr(JsonObject) after = NULL;

      if (kind == NULL)
        continue;
      before = parse_object (audit->before_json, parser);
      after = parse_object (audit->after_json, parser);
      if (belongs_to_project (self, audit, kind, before, after, parents))
        g_ptr_array_add (self->entries, entry_new (self, audit, kind, before, after));
    }
  /* Newest first. */
  for (guint i = 0, j = self->entries->len; i + 1 < j; i++, j--)
    {
      gpointer tmp = self->entries->pdata[i];

      self->entries->pdata[i] = self->entries->pdata[j - 1];
      self->entries->pdata[j - 1] = tmp;
    }
}

/* ---- rows ------------------------------------------------------------------------------- */

static const char *
action_icon (int action)
{
  switch (action)
    {
    case LB_ACTION_INSERT:
      return "list-add-symbolic";
    case LB_ACTION_DELETE:
      return "user-trash-symbolic";
    case LB_ACTION_IMPORT:
      return "document-open-symbolic";
    case LB_ACTION_UPDATE:
    default:
      return "document-edit-symbolic";
    }
}

static void
on_entry_expanded (AdwExpanderRow *row,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  Entry *entry = g_object_get_data (G_OBJECT (row), "lb-entry");

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "lb-filled") != NULL)
    return;
  /* The changes' rows are built the first time they are looked at. */
  g_object_set_data (G_OBJECT (row), "lb-filled", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < entry->labels->len; i++)
    {
      GtkWidget *change = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (change), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (change), g_ptr_array_index (entry->labels, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (change), g_ptr_array_index (entry->values, i));
      gtk_widget_add_css_class (change, "history-change");
      adw_expander_row_add_row (row, change);
    }
}

static GtkWidget *
build_row (Entry *entry)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (action_icon (entry->action));
  GtkWidget *row;

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lb_enum_info_label (&lb_audit_action_enum, entry->action), -1);
  if (entry->labels->len > 0)
    {
      row = adw_expander_row_new ();
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), entry->subtitle);
      g_object_set_data (G_OBJECT (row), "lb-entry", entry);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (on_entry_expanded), NULL);
    }
  else
    {
      row = adw_action_row_new ();
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->subtitle);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title);
  gtk_widget_add_css_class (row, "history-entry");
  return row;
}

static void
clear_rows (LbHistoryPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->shown, 0);
}

static void
show_entries (LbHistoryPage *self)
{
  guint matching = 0;

  clear_rows (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      GtkWidget *row;

      if (self->filter != NULL && entry->kind != self->filter)
        continue;
      matching++;
      if (self->shown->len >= MAX_ROWS)
        continue;
      row = build_row (entry);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->shown, entry);
    }
  if (matching == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes to these records"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  if (matching > self->shown->len)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("The %u most recent of %u change are shown.",
                                                         "The %u most recent of %u changes are shown.",
                                                         matching),
                                               self->shown->len, matching);

      gtk_label_set_text (self->limit_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->limit_label), matching > self->shown->len);
  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 ? "list" : "empty");
}

/* The dropdown offers the kinds that have entries, in the order of the record pages. */
static void
fill_filter (LbHistoryPage *self)
{
  static const LbRecordKind *const order[] = {
    &lb_project_kind, &lb_readiness_item_kind, &lb_capacity_test_kind, &lb_rehearsal_kind,
    &lb_rehearsal_step_kind, &lb_evidence_kind, &lb_cost_item_kind, &lb_cost_tag_kind, &lb_risk_kind,
    &lb_approval_kind, &lb_connection_profile_kind, &lb_azure_target_kind, &lb_design_baseline_kind,
    &lb_drift_check_kind,
  };
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint selected = 0;

  g_ptr_array_set_size (self->filter_kinds, 0);
  /* TRANSLATORS: the history filter that shows changes to every kind of record */
  g_ptr_array_add (labels, (gpointer) _("All Records"));
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < self->entries->len; i++)
      if (((Entry *) g_ptr_array_index (self->entries, i))->kind == order[k])
        {
          g_ptr_array_add (self->filter_kinds, (gpointer) order[k]);
          g_ptr_array_add (labels, (gpointer) _(order[k]->plural));
          if (order[k] == self->filter)
            selected = self->filter_kinds->len;
          break;
        }
  g_ptr_array_add (labels, NULL);

  self->filling_filter = TRUE;
  gtk_string_list_splice (self->filter_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->filter_dropdown, selected);
  self->filling_filter = FALSE;
}

static void
ensure_loaded (LbHistoryPage *self)
{
  if (!self->dirty)
    return;
  self->dirty = FALSE;
  load_entries (self);
  fill_filter (self);
  show_entries (self);
}

static void
invalidate (LbHistoryPage *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_loaded (self);
}

static void
on_filter_selected (LbHistoryPage *self,
                    GParamSpec    *pspec,
                    GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling_filter)
    return;
  self->filter = selected > 0 && selected <= self->filter_kinds->len
                 ? g_ptr_array_index (self->filter_kinds, selected - 1) : NULL;
  show_entries (self);
}

static void
on_store_changed (LbHistoryPage *self,
                  const char    *entity,
                  gint64         id,
                  LbStore       *store)
{
  /* Every write adds to the log. */
  if (self->project_id != 0)
    invalidate (self);
}

/* ---- public API ------------------------------------------------------------------------- */

GtkWidget *
lb_history_page_new (void)
{
  return g_object_new (LB_TYPE_HISTORY_PAGE, NULL);
}

LbStore *
lb_history_page_get_store (LbHistoryPage *self)
{
  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), NULL);
  return self->store;
}

void
lb_history_page_set_store (LbHistoryPage *self,
                           LbStore       *store)
{
  g_return_if_fail (LB_IS_HISTORY_PAGE (self));
  g_return_if_fail (store == NULL || LB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->project_id = 0;
  self->filter = NULL;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

gint64
lb_history_page_get_project_id (LbHistoryPage *self)
{
  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), 0);
  return self->project_id;
}

void
lb_history_page_set_project_id (LbHistoryPage *self,
                                gint64         project_id)
{
  g_return_if_fail (LB_IS_HISTORY_PAGE (self));

  if (self->project_id == project_id)
    return;
  self->project_id = project_id;
  self->filter = NULL;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

const LbRecordKind *
lb_history_page_get_filter (LbHistoryPage *self)
{
  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), NULL);
  return self->filter;
}

void
lb_history_page_set_filter (LbHistoryPage      *self,
                            const LbRecordKind *kind)
{
  g_return_if_fail (LB_IS_HISTORY_PAGE (self));

  ensure_loaded (self);
  self->filter = kind;
  fill_filter (self);
  show_entries (self);
}

guint
lb_history_page_get_n_entries (LbHistoryPage *self)
{
  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), 0);

  ensure_loaded (self);
  return self->shown->len;
}

static Entry *
get_entry (LbHistoryPage *self,
           guint          index)
{
  ensure_loaded (self);
  return index < self->shown->len ? g_ptr_array_index (self->shown, index) : NULL;
}

const char *
lb_history_page_get_entry_title (LbHistoryPage *self,
                                 guint          index)
{
  Entry *entry;

  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), NULL);

  entry = get_entry (self, index);
  return entry != NULL ? entry->title : NULL;
}

const char *
lb_history_page_get_entry_subtitle (LbHistoryPage *self,
                                    guint          index)
{
  Entry *entry;

  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), NULL);

  entry = get_entry (self, index);
  return entry != NULL ? entry->subtitle : NULL;
}

const char *const *
lb_history_page_get_entry_changes (LbHistoryPage *self,
                                   guint          index)
{
  Entry *entry;

  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), NULL);

  entry = get_entry (self, index);
  if (entry == NULL)
    return NULL;
  if (entry->texts == NULL)
    {
      entry->texts = g_new0 (char *, entry->labels->len + 1);
      for (guint i = 0; i < entry->labels->len; i++)
        entry->texts[i] = g_strdup_printf ("%s: %s", (char *) g_ptr_array_index (entry->labels, i),
                                           (char *) g_ptr_array_index (entry->values, i));
    }
  return (const char *const *) entry->texts;
}

GtkWidget *
lb_history_page_get_entry_row (LbHistoryPage *self,
                               guint          index)
{
  g_return_val_if_fail (LB_IS_HISTORY_PAGE (self), NULL);

  ensure_loaded (self);
  return index < self->shown->len ? g_ptr_array_index (self->rows, index) : NULL;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lb_history_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lb_history_page_parent_class)->map (widget);
  ensure_loaded (LB_HISTORY_PAGE (widget));
}

static void
lb_history_page_dispose (GObject *object)
{
  LbHistoryPage *self = LB_HISTORY_PAGE (object);
  GtkWidget *child;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
      g_clear_object (&self->store);
    }
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_HISTORY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_history_page_parent_class)->dispose (object);
}

static void
lb_history_page_finalize (GObject *object)
{
  LbHistoryPage *self = LB_HISTORY_PAGE (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->filter_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_object (&self->filter_model);
  G_OBJECT_CLASS (lb_history_page_parent_class)->finalize (object);
}

static void
lb_history_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LbHistoryPage *self = LB_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, lb_history_page_get_store (self));
      break;
    case PROP_PROJECT_ID:
      g_value_set_int64 (value, lb_history_page_get_project_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_history_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LbHistoryPage *self = LB_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lb_history_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_PROJECT_ID:
      lb_history_page_set_project_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_history_page_class_init (LbHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_history_page_dispose;
  object_class->finalize = lb_history_page_finalize;
  object_class->get_property = lb_history_page_get_property;
  object_class->set_property = lb_history_page_set_property;
  widget_class->map = lb_history_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_ID] =
    g_param_spec_int64 ("project-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LbHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LbHistoryPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, LbHistoryPage, group);
  gtk_widget_class_bind_template_child (widget_class, LbHistoryPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LbHistoryPage, limit_label);
}

static void
lb_history_page_init (LbHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->shown = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->filter_kinds = g_ptr_array_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->filter_model = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (self->filter_model));
  g_signal_connect_object (self->filter_dropdown, "notify::selected", G_CALLBACK (on_filter_selected), self,
                           G_CONNECT_SWAPPED);
  self->dirty = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
