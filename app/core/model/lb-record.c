/* lb-record.c: generic access, parsing, validation and JSON for every record kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-record"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lb-error.h"
#include "lb-record.h"
#include "lb-time.h"

#define FIELD_PTR(field, record, Type) ((Type *) ((guint8 *) (record) + (field)->offset))
#define FIELD_CPTR(field, record, Type) ((Type const *) ((const guint8 *) (record) + (field)->offset))

const LbFieldInfo *
lb_record_kind_find_field (const LbRecordKind *kind,
                           const char         *name)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (int i = 0; i < kind->n_fields; i++)
    if (g_str_equal (kind->fields[i].name, name))
      return &kind->fields[i];
  return NULL;
}

const LbFieldInfo *
lb_record_kind_parent_field (const LbRecordKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  for (int i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & LB_FIELD_PARENT)
      return &kind->fields[i];
  return NULL;
}

const char *
lb_enum_info_nick (const LbEnumInfo *info,
                   int               value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value < 0 || value >= info->n_values)
    return NULL;
  return info->values[value].nick;
}

const char *
lb_enum_info_label (const LbEnumInfo *info,
                    int               value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value < 0 || value >= info->n_values)
    return NULL;
  return _(info->values[value].label);
}

int
lb_enum_info_lookup (const LbEnumInfo *info,
                     const char       *nick_or_label)
{
  g_return_val_if_fail (info != NULL, LB_UNSET_ENUM);

  if (nick_or_label == NULL)
    return LB_UNSET_ENUM;
  for (int i = 0; i < info->n_values; i++)
    {
      const LbEnumValue *v = &info->values[i];

      if (g_ascii_strcasecmp (v->nick, nick_or_label) == 0 ||
          g_utf8_collate (_(v->label), nick_or_label) == 0 ||
          g_ascii_strcasecmp (v->label, nick_or_label) == 0)
        return i;
    }
  return LB_UNSET_ENUM;
}

gboolean
lb_record_field_is_set (const LbFieldInfo *field,
                        gconstpointer      record)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      return *FIELD_CPTR (field, record, char *) != NULL;
    case LB_FIELD_INT:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
      return *FIELD_CPTR (field, record, gint64) != LB_UNSET_INT;
    case LB_FIELD_REAL:
      return !isnan (*FIELD_CPTR (field, record, double));
    case LB_FIELD_ENUM:
      return *FIELD_CPTR (field, record, int) != LB_UNSET_ENUM;
    case LB_FIELD_BOOL:
      return TRUE;
    case LB_FIELD_REF:
      return *FIELD_CPTR (field, record, gint64) != 0;
    case LB_FIELD_BLOB:
      return *FIELD_CPTR (field, record, GBytes *) != NULL;
    default:
      g_assert_not_reached ();
    }
}

void
lb_record_field_unset (const LbFieldInfo *field,
                       gpointer           record)
{
  g_return_if_fail (field != NULL);
  g_return_if_fail (record != NULL);

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      g_clear_pointer (FIELD_PTR (field, record, char *), g_free);
      break;
    case LB_FIELD_INT:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
      *FIELD_PTR (field, record, gint64) = LB_UNSET_INT;
      break;
    case LB_FIELD_REAL:
      *FIELD_PTR (field, record, double) = NAN;
      break;
    case LB_FIELD_ENUM:
      *FIELD_PTR (field, record, int) = LB_UNSET_ENUM;
      break;
    case LB_FIELD_BOOL:
      *FIELD_PTR (field, record, gboolean) = FALSE;
      break;
    case LB_FIELD_REF:
      *FIELD_PTR (field, record, gint64) = 0;
      break;
    case LB_FIELD_BLOB:
      g_clear_pointer (FIELD_PTR (field, record, GBytes *), g_bytes_unref);
      break;
    default:
      g_assert_not_reached ();
    }
}

const char *
lb_record_get_text (const LbFieldInfo *field,
                    gconstpointer      record)
{
  g_return_val_if_fail (field != NULL && field->type == LB_FIELD_TEXT, NULL);
  return *FIELD_CPTR (field, record, char *);
}

void
lb_record_set_text (const LbFieldInfo *field,
                    gpointer           record,
                    const char        *text)
{
  char **slot;

  g_return_if_fail (field != NULL && field->type == LB_FIELD_TEXT);

  slot = FIELD_PTR (field, record, char *);
  if (*slot != text)
    {
      g_free (*slot);
      *slot = g_strdup (text);
    }
}

/* INT, TIME, MONEY and REF are gint64; ENUM and BOOL are int-sized. */
gint64
lb_record_get_int (const LbFieldInfo *field,
                   gconstpointer      record)
{
  g_return_val_if_fail (field != NULL, 0);

  switch (field->type)
    {
    case LB_FIELD_INT:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
    case LB_FIELD_REF:
      return *FIELD_CPTR (field, record, gint64);
    case LB_FIELD_ENUM:
      return *FIELD_CPTR (field, record, int);
    case LB_FIELD_BOOL:
      return *FIELD_CPTR (field, record, gboolean);
    case LB_FIELD_TEXT:
    case LB_FIELD_REAL:
    case LB_FIELD_BLOB:
    default:
      g_return_val_if_reached (0);
    }
}

void
lb_record_set_int (const LbFieldInfo *field,
                   gpointer           record,
                   gint64             value)
{
  g_return_if_fail (field != NULL);

  switch (field->type)
    {
    case LB_FIELD_INT:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
    case LB_FIELD_REF:
      *FIELD_PTR (field, record, gint64) = value;
      break;
    case LB_FIELD_ENUM:
      *FIELD_PTR (field, record, int) = (int) value;
      break;
    case LB_FIELD_BOOL:
      *FIELD_PTR (field, record, gboolean) = value != 0;
      break;
    case LB_FIELD_TEXT:
    case LB_FIELD_REAL:
    case LB_FIELD_BLOB:
    default:
      g_return_if_reached ();
    }
}

double
lb_record_get_real (const LbFieldInfo *field,
                    gconstpointer      record)
{
  g_return_val_if_fail (field != NULL && field->type == LB_FIELD_REAL, NAN);
  return *FIELD_CPTR (field, record, double);
}

void
lb_record_set_real (const LbFieldInfo *field,
                    gpointer           record,
                    double             value)
{
  g_return_if_fail (field != NULL && field->type == LB_FIELD_REAL);
  *FIELD_PTR (field, record, double) = value;
}

GBytes *
lb_record_get_blob (const LbFieldInfo *field,
                    gconstpointer      record)
{
  g_return_val_if_fail (field != NULL && field->type == LB_FIELD_BLOB, NULL);
  return *FIELD_CPTR (field, record, GBytes *);
}

void
lb_record_set_blob (const LbFieldInfo *field,
                    gpointer           record,
                    GBytes            *bytes)
{
  GBytes **slot;

  g_return_if_fail (field != NULL && field->type == LB_FIELD_BLOB);

  slot = FIELD_PTR (field, record, GBytes *);
  if (bytes != NULL)
    g_bytes_ref (bytes);
  g_clear_pointer (slot, g_bytes_unref);
  *slot = bytes;
}

/* 16 bytes keep the record that follows aligned for doubles and gint64. */
typedef union
{
  struct
  {
    const LbRecordKind *kind;
    guint32             magic;
  } h;
  guint8 pad[16];
} RecordHeader;

#define RECORD_MAGIC 0x4c425243u /* "LBRC" */
#define HEADER(record) ((RecordHeader *) ((guint8 *) (record) - sizeof (RecordHeader)))

const LbRecordKind *
lb_record_get_kind (gconstpointer record)
{
  const RecordHeader *header;

  g_return_val_if_fail (record != NULL, NULL);

  header = (const RecordHeader *) ((const guint8 *) record - sizeof (RecordHeader));
  g_return_val_if_fail (header->h.magic == RECORD_MAGIC, NULL);
  return header->h.kind;
}

static gpointer
record_alloc (const LbRecordKind *kind)
{
  RecordHeader *header = g_malloc0 (sizeof (RecordHeader) + kind->size);

  header->h.kind = kind;
  header->h.magic = RECORD_MAGIC;
  return (guint8 *) header + sizeof (RecordHeader);
}

gpointer
lb_record_new (const LbRecordKind *kind)
{
  gpointer record;

  g_return_val_if_fail (kind != NULL, NULL);

  record = record_alloc (kind);
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];

      lb_record_field_unset (field, record);
      if (field->default_value != NULL &&
          !lb_record_set_from_string (record, field->name, field->default_value, NULL))
        g_critical ("Default “%s” of %s.%s does not parse", field->default_value, kind->table, field->name);
    }
  return record;
}

gpointer
lb_record_copy (gconstpointer record)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  gpointer copy;

  g_return_val_if_fail (kind != NULL, NULL);

  copy = record_alloc (kind);
  memcpy (copy, record, kind->size);
  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];

      if (field->type == LB_FIELD_TEXT)
        *FIELD_PTR (field, copy, char *) = g_strdup (*FIELD_CPTR (field, record, char *));
      else if (field->type == LB_FIELD_BLOB && *FIELD_CPTR (field, record, GBytes *) != NULL)
        g_bytes_ref (*FIELD_CPTR (field, record, GBytes *));
    }
  return copy;
}

void
lb_record_free (gpointer record)
{
  const LbRecordKind *kind;
  RecordHeader *header;

  if (record == NULL)
    return;
  kind = lb_record_get_kind (record);
  g_return_if_fail (kind != NULL);

  for (int i = 0; i < kind->n_fields; i++)
    lb_record_field_unset (&kind->fields[i], record);
  header = HEADER (record);
  header->h.magic = 0;
  g_free (header);
}

GPtrArray *
lb_record_array_new (void)
{
  return g_ptr_array_new_with_free_func (lb_record_free);
}

static gboolean
text_is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
lb_record_validate (gconstpointer record,
                    GError      **error)
{
  const LbRecordKind *kind = lb_record_get_kind (record);

  g_return_val_if_fail (kind != NULL, FALSE);

  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];
      gboolean is_set = lb_record_field_is_set (field, record);

      if ((field->flags & LB_FIELD_REQUIRED) && !is_set)
        {
          lb_validation_error_set (error, LB_VALIDATION_ERROR_REQUIRED, field->name,
                                   _("%s: must not be empty"), _(field->label));
          return FALSE;
        }
      if (!is_set)
        continue;

      if (field->type == LB_FIELD_TEXT)
        {
          const char *text = lb_record_get_text (field, record);

          if (!g_utf8_validate (text, -1, NULL))
            {
              lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field->name,
                                       _("%s: is not valid UTF-8 text"), _(field->label));
              return FALSE;
            }
          if ((field->flags & LB_FIELD_REQUIRED) && text_is_blank (text))
            {
              lb_validation_error_set (error, LB_VALIDATION_ERROR_REQUIRED, field->name,
                                       _("%s: must not be empty"), _(field->label));
              return FALSE;
            }
        }

      if (field->type == LB_FIELD_ENUM)
        {
          gint64 value = lb_record_get_int (field, record);

          if (value < 0 || value >= field->enum_info->n_values)
            {
              lb_validation_error_set (error, LB_VALIDATION_ERROR_ENUM, field->name,
                                       _("%s: unknown value %d"), _(field->label), (int) value);
              return FALSE;
            }
        }

      if (field->type == LB_FIELD_REF && lb_record_get_int (field, record) < 0)
        {
          lb_validation_error_set (error, LB_VALIDATION_ERROR_REFERENCE, field->name,
                                   _("%s: no such record"), _(field->label));
          return FALSE;
        }

      if (field->flags & LB_FIELD_HAS_RANGE)
        {
          double value;
          double shown_min = field->min;
          double shown_max = field->max;

          if (field->type == LB_FIELD_REAL)
            value = lb_record_get_real (field, record);
          else if (field->type == LB_FIELD_MONEY)
            {
              value = lb_record_get_int (field, record) / 100.0;
            }
          else
            value = (double) lb_record_get_int (field, record);

          if (value < field->min || value > field->max)
            {
              char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

              if (field->max == G_MAXDOUBLE)
                lb_validation_error_set (error, LB_VALIDATION_ERROR_RANGE, field->name,
                                         _("%s: must not be negative"), _(field->label));
              else
                lb_validation_error_set (error, LB_VALIDATION_ERROR_RANGE, field->name,
                                         _("%s: must be between %s and %s"), _(field->label),
                                         g_ascii_formatd (lo, sizeof lo, "%g", shown_min),
                                         g_ascii_formatd (hi, sizeof hi, "%g", shown_max));
              return FALSE;
            }
        }
    }

  if (kind->validate != NULL)
    return kind->validate (kind, record, error);
  return TRUE;
}

JsonNode *
lb_record_to_json (gconstpointer record)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (kind != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, LB_RECORD_ID_CONST (record));

  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];

      json_builder_set_member_name (builder, field->name);
      if (!lb_record_field_is_set (field, record))
        {
          json_builder_add_null_value (builder);
          continue;
        }

      switch (field->type)
        {
        case LB_FIELD_TEXT:
          json_builder_add_string_value (builder, lb_record_get_text (field, record));
          break;
        case LB_FIELD_INT:
        case LB_FIELD_REF:
        case LB_FIELD_MONEY:
          json_builder_add_int_value (builder, lb_record_get_int (field, record));
          break;
        case LB_FIELD_REAL:
          json_builder_add_double_value (builder, lb_record_get_real (field, record));
          break;
        case LB_FIELD_TIME:
          {
            g_autofree char *iso = lb_time_format_iso_utc (lb_record_get_int (field, record));

            json_builder_add_string_value (builder, iso);
            break;
          }
        case LB_FIELD_ENUM:
          json_builder_add_string_value (builder,
                                         lb_enum_info_nick (field->enum_info, (int) lb_record_get_int (field, record)));
          break;
        case LB_FIELD_BOOL:
          json_builder_add_boolean_value (builder, lb_record_get_int (field, record) != 0);
          break;
        case LB_FIELD_BLOB:
          json_builder_add_int_value (builder, (gint64) g_bytes_get_size (lb_record_get_blob (field, record)));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
lb_record_describe (gconstpointer record)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  const LbFieldInfo *field;

  g_return_val_if_fail (kind != NULL, NULL);

  field = lb_record_kind_find_field (kind, kind->title_field);
  if (field != NULL && lb_record_field_is_set (field, record))
    {
      if (field->type == LB_FIELD_TEXT)
        return g_strdup (lb_record_get_text (field, record));
      return lb_record_field_to_display (field, record);
    }
  return g_strdup_printf ("#%" G_GINT64_FORMAT, LB_RECORD_ID_CONST (record));
}

char *
lb_money_format (gint64      minor,
                 const char *currency)
{
  guint64 abs_minor = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, abs_minor / 100);
  GString *s = g_string_new (currency != NULL ? currency : "");
  gsize n = strlen (digits);

  if (s->len > 0)
    g_string_append_c (s, ' ');
  if (minor < 0)
    g_string_append_c (s, '-');
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  g_string_append_printf (s, ".%02u", (guint) (abs_minor % 100));
  return g_string_free (s, FALSE);
}
