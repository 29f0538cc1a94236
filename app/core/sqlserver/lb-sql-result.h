/* lb-sql-result.h: the result sets of one SQL batch, as text the way the driver converts
 * them (UTF-8; DATETIME2 as "YYYY-MM-DD hh:mm:ss.fffffff"; NUMERIC as digits), with typed
 * readers by column name. Kept as plain data so that a query's rows can be saved as
 * evidence and the code that turns rows into samples or check verdicts can be tested (and
 * fuzzed) without a server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GStrv      columns; /* names as the server sent them */
  GPtrArray *rows;    /* of char ** with one entry per column; NULL entries are SQL NULLs */
} LbSqlRowSet;

typedef struct
{
  GPtrArray *sets;     /* of LbSqlRowSet */
  GPtrArray *messages; /* informational messages the server sent (char *) */
} LbSqlResult;

LbSqlResult *lb_sql_result_new          (void);
void         lb_sql_result_free         (LbSqlResult       *result);
LbSqlRowSet *lb_sql_result_add_set      (LbSqlResult       *result,
                                         GStrv              columns);
/* Takes @values (n_columns entries, NULL for SQL NULL). */
void         lb_sql_row_set_add_row     (LbSqlRowSet       *set,
                                         char             **values);
/* The @index-th result set, or NULL. */
LbSqlRowSet *lb_sql_result_get_set      (const LbSqlResult *result,
                                         guint              index);

/* -1 when the set has no such column (names compared without case). */
int          lb_sql_row_set_find_column (const LbSqlRowSet *set,
                                         const char        *name);
/* NULL for SQL NULL or a missing column. */
const char  *lb_sql_row_set_get         (const LbSqlRowSet *set,
                                         guint              row,
                                         const char        *column);
/* FALSE for NULL, a missing column or text that is not a number. */
gboolean     lb_sql_row_set_get_double  (const LbSqlRowSet *set,
                                         guint              row,
                                         const char        *column,
                                         double            *value);
gboolean     lb_sql_row_set_get_int64   (const LbSqlRowSet *set,
                                         guint              row,
                                         const char        *column,
                                         gint64            *value);
/* A server datetime (no offset: the server's local time) with the offset applied, as UTC
 * Unix milliseconds. FALSE for NULL or a malformed value. */
gboolean     lb_sql_row_set_get_time    (const LbSqlRowSet *set,
                                         guint              row,
                                         const char        *column,
                                         gint64             offset_minutes,
                                         gint64            *ms);

/* {"sets": [{"columns": […], "rows": [[…], …]}, …], "messages": […]}: the rows kept as
 * evidence of what the server answered. */
JsonNode    *lb_sql_result_to_json      (const LbSqlResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbSqlResult, lb_sql_result_free)

G_END_DECLS
