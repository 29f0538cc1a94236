/* lb-record-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-record-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lb-record-form.h"

typedef enum
{
  EDITOR_ENTRY,
  EDITOR_TEXT_VIEW,
  EDITOR_COMBO,
  EDITOR_SWITCH,
} EditorType;

typedef struct
{
  LbRecordForm      *form;          /* unowned: the form owns the editor */
  const LbFieldInfo *field;
  EditorType         type;
  GtkWidget         *row;           /* unowned: the group owns its rows */
  GtkWidget         *hint;          /* time rows: a format example shown while empty */
  GtkTextView       *text_view;
  GtkSwitch         *toggle;
  GtkStringList     *choices;
  GArray            *ref_ids;       /* reference rows: the gint64 id of each item, 0 = none */
  gboolean           has_unset;     /* combo item 0 stands for "not set" */
  GtkWidget         *message_row;
  GtkLabel          *message_label;
  char              *message;
  GtkWidget         *hint_row;      /* what a choice means, under the message */
  GtkLabel          *hint_label;
  char              *hint_text;
} FieldEditor;

struct _LbRecordForm
{
  GtkWidget           parent_instance;

  LbStore            *store;
  const LbRecordKind *kind;
  gpointer            record;   /* the record shown, as given */
  GPtrArray          *editors;  /* FieldEditor*, in the order shown */
  guint               filling : 1;
};

G_DEFINE_FINAL_TYPE (LbRecordForm, lb_record_form, GTK_TYPE_WIDGET)

enum { ACTIVATE, CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
field_editor_free (gpointer data)
{
  FieldEditor *editor = data;

  g_clear_object (&editor->choices);
  g_clear_pointer (&editor->ref_ids, g_array_unref);
  g_clear_pointer (&editor->message, g_free);
  g_clear_pointer (&editor->hint_text, g_free);
  g_free (editor);
}

static FieldEditor *
find_editor (LbRecordForm *self,
             const char   *field_name)
{
  if (field_name == NULL)
    return NULL;
  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (g_str_equal (editor->field->name, field_name))
        return editor;
    }
  return NULL;
}

/* ---- messages under rows ---------------------------------------------------------------- */

/* The core writes "Label: rule"; under the row that already says Label, the rule is enough. */
static char *
message_for_row (const LbFieldInfo *field,
                 const char        *message)
{
  g_autofree char *prefix = g_strconcat (_(field->label), ": ", NULL);
  const char *rest = message;
  gunichar first;
  GString *s;

  if (g_str_has_prefix (message, prefix))
    rest = message + strlen (prefix);
  if (*rest == '\0')
    return g_strdup (message);

  first = g_utf8_get_char (rest);
  s = g_string_new (NULL);
  g_string_append_unichar (s, g_unichar_totitle (first));
  g_string_append (s, g_utf8_next_char (rest));
  return g_string_free (s, FALSE);
}

static void
editor_set_message (FieldEditor *editor,
                    const char  *message)
{
  g_clear_pointer (&editor->message, g_free);

  if (message == NULL)
    {
      gtk_widget_remove_css_class (editor->row, "error");
      gtk_widget_remove_css_class (editor->row, "has-message");
      gtk_widget_set_visible (editor->message_row, FALSE);
      gtk_label_set_text (editor->message_label, "");
      return;
    }

  editor->message = message_for_row (editor->field, message);
  gtk_label_set_text (editor->message_label, editor->message);
  gtk_widget_add_css_class (editor->row, "error");
  gtk_widget_add_css_class (editor->row, "has-message");
  gtk_widget_set_visible (editor->message_row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  editor->message, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
}

static void
editor_clear_message (FieldEditor *editor)
{
  if (editor->message == NULL)
    return;
  editor_set_message (editor, NULL);
  if (editor->hint_text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    editor->hint_text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_STATE_INVALID);
}

/* Editing a row takes its message away: the user is acting on it. */
static void
editor_changed (FieldEditor *editor)
{
  if (editor->hint != NULL)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (editor->row));

      gtk_widget_set_visible (editor->hint, text == NULL || *text == '\0');
    }
  if (editor->form->filling)
    return;
  editor_clear_message (editor);
  g_signal_emit (editor->form, signals[CHANGED], 0);
}

static void
on_entry_activated (FieldEditor *editor)
{
  g_signal_emit (editor->form, signals[ACTIVATE], 0);
}

/* ---- building rows ---------------------------------------------------------------------- */

static GtkWidget *
new_dim_suffix (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static char *
range_tooltip (const LbFieldInfo *field)
{
  char lo[G_ASCII_DTOSTR_BUF_SIZE];
  char hi[G_ASCII_DTOSTR_BUF_SIZE];

  if (!(field->flags & LB_FIELD_HAS_RANGE))
    return NULL;
  g_ascii_formatd (lo, sizeof lo, "%g", field->min);
  if (field->max == G_MAXDOUBLE)
    /* TRANSLATORS: tooltip of a number field, e.g. "0 or more" */
    return g_strdup_printf (_("%s or more"), lo);
  g_ascii_formatd (hi, sizeof hi, "%g", field->max);
  /* TRANSLATORS: tooltip of a number field, e.g. "Between 2 and 128" */
  return g_strdup_printf (_("Between %s and %s"), lo, hi);
}

static void
build_entry_row (FieldEditor *editor)
{
  const LbFieldInfo *field = editor->field;
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  g_autofree char *tooltip = range_tooltip (field);

  editor->type = EDITOR_ENTRY;
  editor->row = GTK_WIDGET (row);

  switch (field->type)
    {
    case LB_FIELD_INT:
    case LB_FIELD_REAL:
    case LB_FIELD_MONEY:
      adw_entry_row_set_input_purpose (row, field->min >= 0 && (field->flags & LB_FIELD_HAS_RANGE)
                                              && field->type == LB_FIELD_INT
                                            ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_NUMBER);
      break;
    case LB_FIELD_TIME:
      editor->hint = new_dim_suffix (_("e.g. 2026-11-29 14:30"));
      gtk_widget_add_css_class (editor->hint, "caption");
      adw_entry_row_add_suffix (row, editor->hint);
      break;
    case LB_FIELD_TEXT:
    case LB_FIELD_ENUM:
    case LB_FIELD_BOOL:
    case LB_FIELD_REF:
    case LB_FIELD_BLOB:
    default:
      break;
    }

  if (field->unit != NULL)
    adw_entry_row_add_suffix (row, new_dim_suffix (field->unit));
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), tooltip);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (editor_changed), editor);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated), editor);
}

static void
build_text_view_row (FieldEditor *editor)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_(editor->field->label));
  GtkWidget *view = gtk_text_view_new ();

  editor->type = EDITOR_TEXT_VIEW;
  editor->row = row;
  editor->text_view = GTK_TEXT_VIEW (view);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(editor->field->label));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "multiline-row");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "multiline-editor");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (editor_changed), editor);
}

static void
build_combo_row (FieldEditor *editor)
{
  const LbFieldInfo *field = editor->field;
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  editor->type = EDITOR_COMBO;
  editor->row = GTK_WIDGET (row);
  editor->choices = gtk_string_list_new (NULL);
  editor->has_unset = !(field->flags & LB_FIELD_REQUIRED);

  if (field->type == LB_FIELD_ENUM)
    {
      if (editor->has_unset)
        /* TRANSLATORS: the choice of an optional list field that leaves it empty */
        gtk_string_list_append (editor->choices, _("Not set"));
      for (int i = 0; i < field->enum_info->n_values; i++)
        gtk_string_list_append (editor->choices, lb_enum_info_label (field->enum_info, i));
    }
  else
    {
      editor->ref_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      /* Filled with the referenced records by fill_reference_choices(). */
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (editor->choices));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (editor_changed), editor);
}

static void
build_switch_row (FieldEditor *editor)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  editor->type = EDITOR_SWITCH;
  editor->row = row;
  editor->toggle = GTK_SWITCH (toggle);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (editor_changed), editor);
}

static FieldEditor *
build_editor (LbRecordForm        *self,
              AdwPreferencesGroup *group,
              const LbFieldInfo   *field)
{
  FieldEditor *editor = g_new0 (FieldEditor, 1);
  GtkWidget *message;

  editor->form = self;
  editor->field = field;

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      if (field->flags & LB_FIELD_MULTILINE)
        build_text_view_row (editor);
      else
        build_entry_row (editor);
      break;
    case LB_FIELD_ENUM:
    case LB_FIELD_REF:
      build_combo_row (editor);
      break;
    case LB_FIELD_BOOL:
      build_switch_row (editor);
      break;
    case LB_FIELD_INT:
    case LB_FIELD_REAL:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
    case LB_FIELD_BLOB:
    default:
      build_entry_row (editor);
      break;
    }

  if (editor->type != EDITOR_TEXT_VIEW)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->row), _(field->label));
  gtk_widget_set_name (editor->row, field->name);
  adw_preferences_group_add (group, editor->row);

  /* The message row sits right under its field, inside the same boxed list. */
  editor->message_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (editor->message_row), FALSE);
  gtk_widget_set_focusable (editor->message_row, FALSE);
  gtk_widget_add_css_class (editor->message_row, "field-message");
  message = gtk_label_new (NULL);
  editor->message_label = GTK_LABEL (message);
  gtk_label_set_xalign (editor->message_label, 0);
  gtk_label_set_wrap (editor->message_label, TRUE);
  gtk_label_set_wrap_mode (editor->message_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (editor->message_row), message);
  gtk_widget_set_visible (editor->message_row, FALSE);
  adw_preferences_group_add (group, editor->message_row);

  /* Built hidden for every field, since a group only appends rows. */
  editor->hint_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (editor->hint_row), FALSE);
  gtk_widget_set_focusable (editor->hint_row, FALSE);
  gtk_widget_add_css_class (editor->hint_row, "field-hint");
  message = gtk_label_new (NULL);
  editor->hint_label = GTK_LABEL (message);
  gtk_label_set_xalign (editor->hint_label, 0);
  gtk_label_set_wrap (editor->hint_label, TRUE);
  gtk_label_set_wrap_mode (editor->hint_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (message, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (editor->hint_row), message);
  gtk_widget_set_visible (editor->hint_row, FALSE);
  adw_preferences_group_add (group, editor->hint_row);

  return editor;
}

static gboolean
field_is_editable (const LbFieldInfo *field)
{
  return !(field->flags & (LB_FIELD_COMPUTED | LB_FIELD_PARENT)) && field->type != LB_FIELD_BLOB;
}

static AdwPreferencesGroup *
add_group (LbRecordForm *self,
           const char   *title,
           const char   *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(title));
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _(description));
  gtk_widget_set_parent (group, GTK_WIDGET (self));
  return ADW_PREFERENCES_GROUP (group);
}

static void
build_rows (LbRecordForm            *self,
            const LbRecordFormGroup *groups,
            guint                    n_groups)
{
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  AdwPreferencesGroup *rest = NULL;

  for (guint g = 0; g < n_groups; g++)
    {
      AdwPreferencesGroup *group = add_group (self, groups[g].title, groups[g].description);

      for (guint i = 0; groups[g].fields[i] != NULL; i++)
        {
          const LbFieldInfo *field = lb_record_kind_find_field (self->kind, groups[g].fields[i]);

          if (field == NULL)
            {
              g_critical ("%s has no field “%s”", self->kind->table, groups[g].fields[i]);
              continue;
            }
          g_hash_table_add (placed, (gpointer) field->name);
          if (field_is_editable (field))
            g_ptr_array_add (self->editors, build_editor (self, group, field));
        }
    }

  for (int i = 0; i < self->kind->n_fields; i++)
    {
      const LbFieldInfo *field = &self->kind->fields[i];

      if (!field_is_editable (field) || g_hash_table_contains (placed, field->name))
        continue;
      if (rest == NULL)
        rest = add_group (self, n_groups > 0 ? N_("Other") : NULL, NULL);
      g_ptr_array_add (self->editors, build_editor (self, rest, field));
    }
}

/* ---- record ↔ rows -------------------------------------------------------------------- */

/* Reference choices: the referenced kind's records, restricted to those under the same
 * parent when both kinds hang off the same parent kind (a risk of this project, not of
 * every project). */
static void
fill_reference_choices (FieldEditor  *editor,
                        gconstpointer record)
{
  LbRecordForm *self = editor->form;
  const LbFieldInfo *field = editor->field;
  const LbFieldInfo *own_parent = lb_record_kind_parent_field (self->kind);
  const LbFieldInfo *ref_parent = lb_record_kind_parent_field (field->ref_kind);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  gint64 none = 0;
  gint64 current = lb_record_get_int (field, record);
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (editor->choices));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) parent_names = NULL; /* id → name, when refs are two levels down */

  g_array_set_size (editor->ref_ids, 0);
  if (editor->has_unset)
    {
      g_array_append_val (editor->ref_ids, none);
      /* TRANSLATORS: the choice of an optional reference (e.g. Wave) that leaves it empty */
      g_ptr_array_add (labels, g_strdup (_("None")));
      if (current == 0)
        selected = 0;
    }

  if (self->store != NULL)
    {
      const LbFieldInfo *grand_parent = ref_parent != NULL ? lb_record_kind_parent_field (ref_parent->ref_kind) : NULL;
      gboolean has_parent = own_parent != NULL && lb_record_field_is_set (own_parent, record);

      if (has_parent && ref_parent != NULL && own_parent->ref_kind == ref_parent->ref_kind)
        records = lb_store_list (self->store, field->ref_kind, ref_parent->name,
                                 lb_record_get_int (own_parent, record), &error);
      else if (has_parent && grand_parent != NULL && own_parent->ref_kind == grand_parent->ref_kind)
        {
          /* One level further down (evidence → rehearsal step → rehearsal → project): the
           * steps of this project's rehearsals, named after their rehearsal. */
          g_autoptr(GPtrArray) parents = lb_store_list (self->store, ref_parent->ref_kind, grand_parent->name,
                                                        lb_record_get_int (own_parent, record), &error);

          parent_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          records = lb_record_array_new ();
          for (guint p = 0; parents != NULL && p < parents->len; p++)
            {
              gconstpointer parent = g_ptr_array_index (parents, p);
              g_autoptr(GPtrArray) children = lb_store_list (self->store, field->ref_kind, ref_parent->name,
                                                             LB_RECORD_ID_CONST (parent), NULL);

              g_hash_table_insert (parent_names, g_memdup2 (&LB_RECORD_ID_CONST (parent), sizeof (gint64)),
                                   lb_record_describe (parent));
              if (children != NULL)
                g_ptr_array_extend_and_steal (records, g_steal_pointer (&children));
            }
          if (parents == NULL)
            g_clear_pointer (&records, g_ptr_array_unref);
        }
      else
        records = lb_store_list (self->store, field->ref_kind, NULL, 0, &error);
      if (records == NULL)
        g_debug ("Could not list %s: %s", field->ref_kind->table, error->message);
    }

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      gconstpointer ref = g_ptr_array_index (records, i);
      gint64 id = LB_RECORD_ID_CONST (ref);
      g_autofree char *name = NULL;

      if (field->ref_kind == self->kind && id == LB_RECORD_ID_CONST (record))
        continue;
      if (id == current)
        selected = editor->ref_ids->len;
      g_array_append_val (editor->ref_ids, id);
      name = lb_record_describe (ref);
      if (parent_names != NULL)
        {
          gint64 parent_id = lb_record_get_int (ref_parent, ref);
          const char *parent_name = g_hash_table_lookup (parent_names, &parent_id);

          /* TRANSLATORS: a record under another, "Cutover rehearsal 1 › Stop the application" */
          g_ptr_array_add (labels, g_strdup_printf (_("%s › %s"), parent_name != NULL ? parent_name : "", name));
        }
      else
        g_ptr_array_add (labels, g_steal_pointer (&name));
    }

  if (current != 0 && selected == GTK_INVALID_LIST_POSITION)
    {
      /* A reference the list does not offer: keep it rather than drop it on save. */
      selected = editor->ref_ids->len;
      g_array_append_val (editor->ref_ids, current);
      g_ptr_array_add (labels, g_strdup_printf ("#%" G_GINT64_FORMAT, current));
    }

  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (editor->choices, 0, n_old, (const char *const *) labels->pdata);
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row), selected);
}

static void
editor_fill (FieldEditor  *editor,
             gconstpointer record)
{
  const LbFieldInfo *field = editor->field;

  switch (editor->type)
    {
    case EDITOR_ENTRY:
      {
        g_autofree char *text = lb_record_field_to_string (field, record);

        gtk_editable_set_text (GTK_EDITABLE (editor->row), text != NULL ? text : "");
        break;
      }
    case EDITOR_TEXT_VIEW:
      {
        const char *text = lb_record_get_text (field, record);

        gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->text_view), text != NULL ? text : "", -1);
        break;
      }
    case EDITOR_COMBO:
      if (field->type == LB_FIELD_REF)
        fill_reference_choices (editor, record);
      else
        {
          int value = lb_record_field_is_set (field, record) ? (int) lb_record_get_int (field, record) : -1;
          guint selected;

          if (value >= 0)
            selected = (guint) value + (editor->has_unset ? 1 : 0);
          else
            selected = editor->has_unset ? 0 : GTK_INVALID_LIST_POSITION;
          adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row), selected);
        }
      break;
    case EDITOR_SWITCH:
      gtk_switch_set_active (editor->toggle, lb_record_get_int (field, record) != 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
editor_apply (FieldEditor *editor,
              gpointer     record,
              GError     **error)
{
  const LbFieldInfo *field = editor->field;

  switch (editor->type)
    {
    case EDITOR_ENTRY:
      return lb_record_set_from_string (record, field->name,
                                        gtk_editable_get_text (GTK_EDITABLE (editor->row)), error);
    case EDITOR_TEXT_VIEW:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (editor->text_view);
        GtkTextIter start, end;
        g_autofree char *text = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        return lb_record_set_from_string (record, field->name, text, error);
      }
    case EDITOR_COMBO:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->row));

        if (field->type == LB_FIELD_REF)
          {
            if (selected == GTK_INVALID_LIST_POSITION || selected >= editor->ref_ids->len ||
                g_array_index (editor->ref_ids, gint64, selected) == 0)
              lb_record_field_unset (field, record);
            else
              lb_record_set_int (field, record, g_array_index (editor->ref_ids, gint64, selected));
          }
        else if (selected == GTK_INVALID_LIST_POSITION || (editor->has_unset && selected == 0))
          lb_record_field_unset (field, record);
        else
          lb_record_set_int (field, record, selected - (editor->has_unset ? 1 : 0));
        return TRUE;
      }
    case EDITOR_SWITCH:
      lb_record_set_int (field, record, gtk_switch_get_active (editor->toggle));
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* ---- public API ------------------------------------------------------------------------- */

GtkWidget *
lb_record_form_new (LbStore                 *store,
                    const LbRecordKind      *kind,
                    const LbRecordFormGroup *groups,
                    guint                    n_groups)
{
  LbRecordForm *self;

  g_return_val_if_fail (store == NULL || LB_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (groups != NULL || n_groups == 0, NULL);

  self = g_object_new (LB_TYPE_RECORD_FORM, NULL);
  g_set_object (&self->store, store);
  self->kind = kind;
  build_rows (self, groups, n_groups);

  self->record = lb_record_new (kind);
  lb_record_form_set_record (self, self->record);

  return GTK_WIDGET (self);
}

const LbRecordKind *
lb_record_form_get_kind (LbRecordForm *self)
{
  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);
  return self->kind;
}

LbStore *
lb_record_form_get_store (LbRecordForm *self)
{
  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);
  return self->store;
}

void
lb_record_form_set_record (LbRecordForm *self,
                           gconstpointer record)
{
  g_return_if_fail (LB_IS_RECORD_FORM (self));
  g_return_if_fail (record != NULL && lb_record_get_kind (record) == self->kind);

  if (record != self->record)
    {
      gpointer copy = lb_record_copy (record);

      g_clear_pointer (&self->record, lb_record_free);
      self->record = copy;
    }

  self->filling = TRUE;
  for (guint i = 0; i < self->editors->len; i++)
    editor_fill (g_ptr_array_index (self->editors, i), self->record);
  self->filling = FALSE;

  lb_record_form_clear_errors (self);
}

gconstpointer
lb_record_form_get_record (LbRecordForm *self)
{
  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);
  return self->record;
}

gpointer
lb_record_form_read_record (LbRecordForm *self,
                            GError      **error)
{
  g_autoptr(GError) first_error = NULL;
  gpointer record;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lb_record_form_clear_errors (self);
  record = lb_record_copy (self->record);

  /* Every row is read, so that all the unreadable values are marked at once. */
  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);
      g_autoptr(GError) local_error = NULL;

      if (!editor_apply (editor, record, &local_error))
        {
          editor_set_message (editor, local_error->message);
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
        }
    }

  if (first_error == NULL)
    {
      gboolean valid = self->store != NULL ? lb_store_validate (self->store, record, &first_error)
                                           : lb_record_validate (record, &first_error);

      if (valid)
        return record;
      lb_record_form_show_error (self, first_error);
    }

  lb_record_free (record);
  lb_record_form_focus (self);
  g_propagate_error (error, g_steal_pointer (&first_error));
  return NULL;
}

gpointer
lb_record_form_peek_record (LbRecordForm *self)
{
  gpointer record;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);

  record = lb_record_copy (self->record);
  for (guint i = 0; i < self->editors->len; i++)
    {
      g_autoptr(GError) error = NULL;

      /* A row that does not read leaves the field as it was: no message here. */
      editor_apply (g_ptr_array_index (self->editors, i), record, &error);
    }
  return record;
}

gboolean
lb_record_form_set_hint (LbRecordForm *self,
                         const char   *field_name,
                         const char   *hint,
                         gboolean      warning)
{
  FieldEditor *editor;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), FALSE);

  editor = find_editor (self, field_name);
  if (editor == NULL)
    return FALSE;
  if (g_strcmp0 (editor->hint_text, hint) == 0 &&
      gtk_widget_has_css_class (GTK_WIDGET (editor->hint_label), "warning") == (hint != NULL && warning))
    return TRUE;
  g_free (editor->hint_text);
  editor->hint_text = g_strdup (hint);
  gtk_label_set_text (editor->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (editor->hint_row, hint != NULL);
  if (hint != NULL && warning)
    gtk_widget_add_css_class (GTK_WIDGET (editor->hint_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (editor->hint_label), "warning");
  if (hint != NULL)
    {
      gtk_widget_add_css_class (editor->row, "has-hint");
      gtk_accessible_update_property (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint, -1);
    }
  else
    {
      gtk_widget_remove_css_class (editor->row, "has-hint");
      if (editor->message == NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  return TRUE;
}

const char *
lb_record_form_get_hint (LbRecordForm *self,
                         const char   *field_name)
{
  FieldEditor *editor;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);

  editor = find_editor (self, field_name);
  return editor != NULL ? editor->hint_text : NULL;
}

gboolean
lb_record_form_show_error (LbRecordForm *self,
                           const GError *error)
{
  FieldEditor *editor;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  editor = find_editor (self, lb_validation_error_get_field (error));
  if (editor == NULL)
    return FALSE;
  editor_set_message (editor, error->message);
  return TRUE;
}

void
lb_record_form_clear_errors (LbRecordForm *self)
{
  g_return_if_fail (LB_IS_RECORD_FORM (self));

  for (guint i = 0; i < self->editors->len; i++)
    editor_clear_message (g_ptr_array_index (self->editors, i));
}

GtkWidget *
lb_record_form_get_row (LbRecordForm *self,
                        const char   *field_name)
{
  FieldEditor *editor;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);

  editor = find_editor (self, field_name);
  return editor != NULL ? editor->row : NULL;
}

const char *
lb_record_form_get_error (LbRecordForm *self,
                          const char   *field_name)
{
  FieldEditor *editor;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), NULL);

  editor = find_editor (self, field_name);
  return editor != NULL ? editor->message : NULL;
}

gboolean
lb_record_form_set_text (LbRecordForm *self,
                         const char   *field_name,
                         const char   *text)
{
  FieldEditor *editor;

  g_return_val_if_fail (LB_IS_RECORD_FORM (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  editor = find_editor (self, field_name);
  if (editor == NULL)
    return FALSE;

  switch (editor->type)
    {
    case EDITOR_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (editor->row), text);
      return TRUE;
    case EDITOR_TEXT_VIEW:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->text_view), text, -1);
      return TRUE;
    case EDITOR_SWITCH:
      {
        g_autoptr(GError) error = NULL;
        gpointer scratch = lb_record_new (self->kind);
        gboolean ok = lb_record_set_from_string (scratch, editor->field->name, text, &error);

        if (ok)
          gtk_switch_set_active (editor->toggle, lb_record_get_int (editor->field, scratch) != 0);
        lb_record_free (scratch);
        return ok;
      }
    case EDITOR_COMBO:
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (editor->choices));

        if (editor->field->type == LB_FIELD_ENUM)
          {
            int value = lb_enum_info_lookup (editor->field->enum_info, text);

            if (value != LB_UNSET_ENUM)
              {
                adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row),
                                            (guint) value + (editor->has_unset ? 1 : 0));
                return TRUE;
              }
          }
        for (guint i = 0; i < n; i++)
          {
            if (g_utf8_collate (gtk_string_list_get_string (editor->choices, i), text) == 0)
              {
                adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row), i);
                return TRUE;
              }
          }
        return FALSE;
      }
    default:
      g_assert_not_reached ();
    }
}

void
lb_record_form_focus (LbRecordForm *self)
{
  FieldEditor *target = NULL;

  g_return_if_fail (LB_IS_RECORD_FORM (self));

  for (guint i = 0; i < self->editors->len && target == NULL; i++)
    {
      FieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (editor->message != NULL)
        target = editor;
    }
  if (target == NULL && self->editors->len > 0)
    target = g_ptr_array_index (self->editors, 0);
  if (target == NULL)
    return;

  if (target->type == EDITOR_TEXT_VIEW)
    gtk_widget_grab_focus (GTK_WIDGET (target->text_view));
  else if (target->type == EDITOR_SWITCH)
    gtk_widget_grab_focus (GTK_WIDGET (target->toggle));
  else
    gtk_widget_grab_focus (target->row);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lb_record_form_dispose (GObject *object)
{
  LbRecordForm *self = LB_RECORD_FORM (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lb_record_form_parent_class)->dispose (object);
}

static void
lb_record_form_finalize (GObject *object)
{
  LbRecordForm *self = LB_RECORD_FORM (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->record, lb_record_free);

  G_OBJECT_CLASS (lb_record_form_parent_class)->finalize (object);
}

static void
lb_record_form_class_init (LbRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_record_form_dispose;
  object_class->finalize = lb_record_form_finalize;

  /**
   * LbRecordForm::activate:
   *
   * Enter was pressed in one of the form's entries: the dialog's default action.
   */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LbRecordForm::changed:
   *
   * The user edited a row.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordform");
}

static void
lb_record_form_init (LbRecordForm *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);
  self->editors = g_ptr_array_new_with_free_func (field_editor_free);
}
