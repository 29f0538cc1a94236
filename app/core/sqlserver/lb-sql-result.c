/* lb-sql-result.c: result sets as text, typed readers and JSON evidence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lb-sql-result.h"

static void
row_set_free (gpointer data)
{
  LbSqlRowSet *set = data;

  g_strfreev (set->columns);
  g_ptr_array_unref (set->rows);
  g_free (set);
}

static void
row_free (gpointer data)
{
  char **values = data;

  /* A NULL entry is an SQL NULL, so g_strfreev() would stop early. */
  if (values == NULL)
    return;
  for (guint i = 0; values[i] != (char *) -1; i++)
    g_free (values[i]);
  g_free (values);
}

LbSqlResult *
lb_sql_result_new (void)
{
  LbSqlResult *result = g_new0 (LbSqlResult, 1);

  result->sets = g_ptr_array_new_with_free_func (row_set_free);
  result->messages = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
lb_sql_result_free (LbSqlResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->sets);
  g_ptr_array_unref (result->messages);
  g_free (result);
}

LbSqlRowSet *
lb_sql_result_add_set (LbSqlResult *result,
                       GStrv        columns)
{
  LbSqlRowSet *set = g_new0 (LbSqlRowSet, 1);

  set->columns = columns;
  set->rows = g_ptr_array_new_with_free_func (row_free);
  g_ptr_array_add (result->sets, set);
  return set;
}

void
lb_sql_row_set_add_row (LbSqlRowSet *set,
                        char       **values)
{
  guint n = g_strv_length (set->columns);
  char **row = g_new (char *, n + 1);

  /* Stored with a (char *) -1 end marker, since NULL means SQL NULL. */
  memcpy (row, values, n * sizeof (char *));
  row[n] = (char *) -1;
  g_free (values);
  g_ptr_array_add (set->rows, row);
}

LbSqlRowSet *
lb_sql_result_get_set (const LbSqlResult *result,
                       guint              index)
{
  return index < result->sets->len ? result->sets->pdata[index] : NULL;
}

int
lb_sql_row_set_find_column (const LbSqlRowSet *set,
                            const char        *name)
{
  for (guint i = 0; set->columns[i] != NULL; i++)
    if (g_ascii_strcasecmp (set->columns[i], name) == 0)
      return (int) i;
  return -1;
}

const char *
lb_sql_row_set_get (const LbSqlRowSet *set,
                    guint              row,
                    const char        *column)
{
  int index = lb_sql_row_set_find_column (set, column);

  if (index < 0 || row >= set->rows->len)
    return NULL;
  return ((char **) set->rows->pdata[row])[index];
}

gboolean
lb_sql_row_set_get_double (const LbSqlRowSet *set,
                           guint              row,
                           const char        *column,
                           double            *value)
{
  const char *text = lb_sql_row_set_get (set, row, column);
  char *end;
  double parsed;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  parsed = g_ascii_strtod (text, &end);
  if (errno != 0 || *end != '\0' || end == text || !isfinite (parsed))
    return FALSE;
  *value = parsed;
  return TRUE;
}

gboolean
lb_sql_row_set_get_int64 (const LbSqlRowSet *set,
                          guint              row,
                          const char        *column,
                          gint64            *value)
{
  const char *text = lb_sql_row_set_get (set, row, column);

  if (text == NULL)
    return FALSE;
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

gboolean
lb_sql_row_set_get_time (const LbSqlRowSet *set,
                         guint              row,
                         const char        *column,
                         gint64             offset_minutes,
                         gint64            *ms)
{
  const char *text = lb_sql_row_set_get (set, row, column);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL || strlen (text) < 19 || text[10] != ' ')
    return FALSE;
  /* "2024-05-17 13:45:30.1234560" is ISO 8601 once the space is a 'T'. */
  iso = g_strdup (text);
  iso[10] = 'T';
  zone = g_time_zone_new_offset ((gint32) (offset_minutes * 60));
  if ((when = g_date_time_new_from_iso8601 (iso, zone)) == NULL)
    return FALSE;
  *ms = g_date_time_to_unix (when) * 1000 + g_date_time_get_microsecond (when) / 1000;
  return TRUE;
}

JsonNode *
lb_sql_result_to_json (const LbSqlResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sets");
  json_builder_begin_array (builder);
  for (guint s = 0; s < result->sets->len; s++)
    {
      const LbSqlRowSet *set = result->sets->pdata[s];
      guint n = g_strv_length (set->columns);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint c = 0; c < n; c++)
        json_builder_add_string_value (builder, set->columns[c]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_begin_array (builder);
      for (guint r = 0; r < set->rows->len; r++)
        {
          char **values = set->rows->pdata[r];

          json_builder_begin_array (builder);
          for (guint c = 0; c < n; c++)
            if (values[c] == NULL)
              json_builder_add_null_value (builder);
            else
              json_builder_add_string_value (builder, values[c]);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->messages->len; i++)
    json_builder_add_string_value (builder, result->messages->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
