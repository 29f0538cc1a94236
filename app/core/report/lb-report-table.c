/* lb-report-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "../model/lb-record.h"
#include "../model/lb-time.h"
#include "lb-report-table.h"

static void
column_free (gpointer data)
{
  LbReportColumn *column = data;

  g_free (column->key);
  g_free (column->label);
  g_free (column);
}

static void
cell_free (gpointer data)
{
  LbReportCell *cell = data;

  g_free (cell->text);
  if (cell->value != NULL)
    json_node_unref (cell->value);
  g_free (cell);
}

LbReportTable *
lb_report_table_new (const char *name,
                     const char *title)
{
  LbReportTable *table = g_new0 (LbReportTable, 1);

  table->name = g_strdup (name);
  table->title = g_strdup (title);
  table->columns = g_ptr_array_new_with_free_func (column_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return table;
}

void
lb_report_table_free (LbReportTable *table)
{
  if (table == NULL)
    return;
  g_free (table->name);
  g_free (table->title);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
lb_report_table_add_column (LbReportTable *table,
                            const char    *key,
                            const char    *label,
                            LbReportAlign  align,
                            double         weight)
{
  LbReportColumn *column = g_new0 (LbReportColumn, 1);

  g_return_if_fail (table->rows->len == 0);

  column->key = g_strdup (key);
  column->label = g_strdup (label);
  column->align = align;
  column->weight = weight > 0 ? weight : 1;
  g_ptr_array_add (table->columns, column);
}

void
lb_report_table_begin_row (LbReportTable *table)
{
  g_ptr_array_add (table->rows, g_ptr_array_new_with_free_func (cell_free));
}

static GPtrArray *
current_row (LbReportTable *table)
{
  g_return_val_if_fail (table->rows->len > 0, NULL);
  return table->rows->pdata[table->rows->len - 1];
}

void
lb_report_table_add_cell (LbReportTable *table,
                          const char    *text,
                          JsonNode      *value)
{
  GPtrArray *row = current_row (table);
  LbReportCell *cell;

  g_return_if_fail (row != NULL);
  g_return_if_fail (row->len < table->columns->len);

  cell = g_new0 (LbReportCell, 1);
  cell->text = g_strdup (text != NULL ? text : "");
  cell->value = value != NULL ? value : json_node_new (JSON_NODE_NULL);
  g_ptr_array_add (row, cell);
}

void
lb_report_table_add_text (LbReportTable *table,
                          const char    *text)
{
  JsonNode *value = NULL;

  if (text != NULL && *text != '\0')
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, text);
    }
  lb_report_table_add_cell (table, text, value);
}

void
lb_report_table_add_int (LbReportTable *table,
                         gint64         value,
                         const char    *unit)
{
  g_autofree char *text = NULL;
  JsonNode *node;

  if (value == LB_UNSET_INT)
    {
      lb_report_table_add_cell (table, NULL, NULL);
      return;
    }
  text = unit != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT " %s", value, unit)
                      : g_strdup_printf ("%" G_GINT64_FORMAT, value);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (node, value);
  lb_report_table_add_cell (table, text, node);
}

void
lb_report_table_add_real (LbReportTable *table,
                          double         value,
                          int            decimals,
                          const char    *unit)
{
  g_autofree char *text = NULL;
  JsonNode *node;

  if (!isfinite (value))
    {
      lb_report_table_add_cell (table, NULL, NULL);
      return;
    }
  text = unit != NULL ? g_strdup_printf ("%.*f %s", decimals, value, unit)
                      : g_strdup_printf ("%.*f", decimals, value);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_double (node, value);
  lb_report_table_add_cell (table, text, node);
}

void
lb_report_table_add_time (LbReportTable *table,
                          gint64         ms)
{
  g_autofree char *text = NULL;
  g_autofree char *iso = NULL;
  JsonNode *node;

  if (ms == LB_UNSET_INT)
    {
      lb_report_table_add_cell (table, NULL, NULL);
      return;
    }
  text = lb_time_format_local (ms);
  iso = lb_time_format_iso_utc (ms);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, iso);
  lb_report_table_add_cell (table, text, node);
}

void
lb_report_table_add_enum (LbReportTable *table,
                          const void    *enum_info,
                          int            value)
{
  const LbEnumInfo *info = enum_info;
  const char *nick = value == LB_UNSET_ENUM ? NULL : lb_enum_info_nick (info, value);
  const char *label = value == LB_UNSET_ENUM ? NULL : lb_enum_info_label (info, value);
  JsonNode *node = NULL;

  if (nick != NULL)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, nick);
    }
  lb_report_table_add_cell (table, label, node);
}

void
lb_report_table_set_tone (LbReportTable *table,
                          LbReportTone   tone)
{
  GPtrArray *row = current_row (table);

  g_return_if_fail (row != NULL && row->len > 0);
  ((LbReportCell *) row->pdata[row->len - 1])->tone = tone;
}

guint
lb_report_table_get_n_rows (const LbReportTable *table)
{
  return table->rows->len;
}

const LbReportCell *
lb_report_table_get_cell (const LbReportTable *table,
                          guint                row,
                          guint                column)
{
  GPtrArray *cells;

  g_return_val_if_fail (row < table->rows->len, NULL);
  cells = table->rows->pdata[row];
  g_return_val_if_fail (column < cells->len, NULL);
  return cells->pdata[column];
}
