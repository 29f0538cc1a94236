/* lb-record-text.c: record fields as text — reading what people type (dates, money,
 * enums by nick or label) and writing values back in the same form or for display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-record"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lb-error.h"
#include "lb-record.h"
#include "lb-time.h"

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  g_autofree char *clean = NULL;
  char *end = NULL;
  gint64 value;

  clean = g_strstrip (g_strdup (text));
  errno = 0;
  value = g_ascii_strtoll (clean, &end, 10);
  if (errno != 0 || end == clean || *end != '\0')
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_real (const char *text,
            double     *out)
{
  g_autofree char *clean = NULL;
  char *end = NULL;
  double value;

  clean = g_strstrip (g_strdup (text));
  errno = 0;
  value = g_ascii_strtod (clean, &end);
  if (errno != 0 || end == clean || *end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* "1234.5" → 123450 minor units; at most two decimals, so no value is silently rounded. */
static gboolean
parse_money (const char *text,
             gint64     *out)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  g_auto(GStrv) parts = NULL;
  gint64 units = 0;
  gint64 cents = 0;
  gboolean negative = FALSE;
  const char *whole;

  /* Thousands separators differ between locales; refuse them rather than guess. */
  if (strchr (clean, ',') != NULL)
    return FALSE;
  parts = g_strsplit (clean, ".", -1);
  if (g_strv_length (parts) == 0 || g_strv_length (parts) > 2)
    return FALSE;
  whole = parts[0];
  if (*whole == '-')
    {
      negative = TRUE;
      whole++;
    }
  if (*whole == '\0' || !parse_int (whole, &units) || units < 0 || strspn (whole, "0123456789") != strlen (whole))
    return FALSE;
  if (parts[1] != NULL)
    {
      gsize n = strlen (parts[1]);

      if (n == 0 || n > 2 || strspn (parts[1], "0123456789") != n)
        return FALSE;
      cents = g_ascii_strtoll (parts[1], NULL, 10) * (n == 1 ? 10 : 1);
    }
  if (units > G_MAXINT64 / 100 - 1)
    return FALSE;
  *out = (units * 100 + cents) * (negative ? -1 : 1);
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char *const yes[] = { "true", "yes", "1", "on", NULL };
  static const char *const no[] = { "false", "no", "0", "off", NULL };
  g_autofree char *clean = g_strstrip (g_ascii_strdown (text, -1));

  if (g_strv_contains (yes, clean))
    *out = TRUE;
  else if (g_strv_contains (no, clean))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static char *
enum_choices (const LbEnumInfo *info)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < info->n_values; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, info->values[i].nick);
    }
  return g_string_free (s, FALSE);
}

gboolean
lb_record_set_from_string (gpointer     record,
                           const char  *field_name,
                           const char  *text,
                           GError     **error)
{
  const LbRecordKind *kind = lb_record_get_kind (record);
  const LbFieldInfo *field;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (field_name != NULL, FALSE);

  field = lb_record_kind_find_field (kind, field_name);
  if (field == NULL)
    {
      lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field_name,
                               _("%s has no field “%s”"), _(kind->label), field_name);
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0' && field->type != LB_FIELD_TEXT && field->type != LB_FIELD_BLOB)
    {
      lb_record_field_unset (field, record);
      return TRUE;
    }

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      /* Free text keeps inner whitespace but not surrounding blanks; empty means unset. */
      if (*trimmed == '\0')
        lb_record_field_unset (field, record);
      else if (!g_utf8_validate (trimmed, -1, NULL))
        {
          lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field->name,
                                   _("%s: is not valid UTF-8 text"), _(field->label));
          return FALSE;
        }
      else
        lb_record_set_text (field, record, (field->flags & LB_FIELD_MULTILINE) ? text : trimmed);
      return TRUE;

    case LB_FIELD_INT:
    case LB_FIELD_REF:
      {
        gint64 value;

        if (!parse_int (trimmed, &value))
          {
            lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field->name,
                                     _("%s: “%s” is not a whole number"), _(field->label), trimmed);
            return FALSE;
          }
        lb_record_set_int (field, record, value);
        return TRUE;
      }

    case LB_FIELD_REAL:
      {
        double value;

        if (!parse_real (trimmed, &value))
          {
            lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field->name,
                                     _("%s: “%s” is not a number"), _(field->label), trimmed);
            return FALSE;
          }
        lb_record_set_real (field, record, value);
        return TRUE;
      }

    case LB_FIELD_MONEY:
      {
        gint64 value;

        if (!parse_money (trimmed, &value))
          {
            lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field->name,
                                     _("%s: “%s” is not an amount such as 1250 or 1250.50"),
                                     _(field->label), trimmed);
            return FALSE;
          }
        lb_record_set_int (field, record, value);
        return TRUE;
      }

    case LB_FIELD_TIME:
      {
        gint64 value;

        if (!lb_time_parse (trimmed, NULL, &value))
          {
            lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field->name,
                                     _("%s: “%s” is not a date such as 2026-11-29 or 2026-11-29 14:30"),
                                     _(field->label), trimmed);
            return FALSE;
          }
        lb_record_set_int (field, record, value);
        return TRUE;
      }

    case LB_FIELD_ENUM:
      {
        int value = lb_enum_info_lookup (field->enum_info, trimmed);

        if (value == LB_UNSET_ENUM)
          {
            g_autofree char *choices = enum_choices (field->enum_info);

            lb_validation_error_set (error, LB_VALIDATION_ERROR_ENUM, field->name,
                                     _("%s: “%s” is not one of %s"), _(field->label), trimmed, choices);
            return FALSE;
          }
        lb_record_set_int (field, record, value);
        return TRUE;
      }

    case LB_FIELD_BOOL:
      {
        gboolean value;

        if (!parse_bool (trimmed, &value))
          {
            lb_validation_error_set (error, LB_VALIDATION_ERROR_FORMAT, field->name,
                                     _("%s: “%s” is not yes or no"), _(field->label), trimmed);
            return FALSE;
          }
        lb_record_set_int (field, record, value);
        return TRUE;
      }

    case LB_FIELD_BLOB:
      {
        g_autoptr(GBytes) bytes = g_bytes_new (text != NULL ? text : "", text != NULL ? strlen (text) : 0);

        lb_record_set_blob (field, record, bytes);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static char *
format_real (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* %g keeps 30 as "30" and 0.25 as "0.25" while never printing locale commas. */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

char *
lb_money_to_string (gint64 minor)
{
  gint64 abs_minor = minor < 0 ? -minor : minor;

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", minor < 0 ? "-" : "",
                          abs_minor / 100, (int) (abs_minor % 100));
}

char *
lb_record_field_to_string (const LbFieldInfo *field,
                           gconstpointer      record)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  if (!lb_record_field_is_set (field, record))
    return NULL;

  switch (field->type)
    {
    case LB_FIELD_TEXT:
      return g_strdup (lb_record_get_text (field, record));
    case LB_FIELD_INT:
    case LB_FIELD_REF:
      return g_strdup_printf ("%" G_GINT64_FORMAT, lb_record_get_int (field, record));
    case LB_FIELD_REAL:
      return format_real (lb_record_get_real (field, record));
    case LB_FIELD_MONEY:
      return lb_money_to_string (lb_record_get_int (field, record));
    case LB_FIELD_TIME:
      return lb_time_format_local (lb_record_get_int (field, record));
    case LB_FIELD_ENUM:
      return g_strdup (lb_enum_info_nick (field->enum_info, (int) lb_record_get_int (field, record)));
    case LB_FIELD_BOOL:
      return g_strdup (lb_record_get_int (field, record) ? "yes" : "no");
    case LB_FIELD_BLOB:
      {
        GBytes *bytes = lb_record_get_blob (field, record);
        gsize size = 0;
        const char *data = g_bytes_get_data (bytes, &size);

        if (data != NULL && g_utf8_validate (data, size, NULL))
          return g_strndup (data, size);
        return g_format_size (size);
      }
    default:
      g_assert_not_reached ();
    }
}

char *
lb_record_field_to_display (const LbFieldInfo *field,
                            gconstpointer      record)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (!lb_record_field_is_set (field, record))
    return NULL;

  switch (field->type)
    {
    case LB_FIELD_ENUM:
      return g_strdup (lb_enum_info_label (field->enum_info, (int) lb_record_get_int (field, record)));
    case LB_FIELD_BOOL:
      return g_strdup (lb_record_get_int (field, record) ? _("Yes") : _("No"));
    case LB_FIELD_INT:
      if (field->unit != NULL && g_str_equal (field->unit, "B"))
        return g_format_size ((guint64) lb_record_get_int (field, record));
      break;
    case LB_FIELD_TEXT:
    case LB_FIELD_REAL:
    case LB_FIELD_TIME:
    case LB_FIELD_MONEY:
    case LB_FIELD_REF:
    case LB_FIELD_BLOB:
    default:
      break;
    }

  text = lb_record_field_to_string (field, record);
  if (field->unit != NULL && text != NULL)
    return g_strdup_printf ("%s %s", text, field->unit);
  return g_steal_pointer (&text);
}
