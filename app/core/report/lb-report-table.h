/* lb-report-table.h: one table of a report — rehearsals, risks, the rules … — built once
 * and written by every output: the PDF and HTML show each cell's text for people, the CSV
 * and JSON carry its machine value (numbers unformatted, times in ISO 8601 UTC, money in
 * minor units beside a currency column, enums by nick).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  LB_REPORT_ALIGN_START,
  LB_REPORT_ALIGN_END,    /* figures */
  LB_REPORT_ALIGN_CENTER, /* badges, short codes */
} LbReportAlign;

typedef struct
{
  char         *key;      /* CSV header and JSON member: "downtime_min" */
  char         *label;    /* for people: "Downtime" */
  LbReportAlign align;
  double        weight;   /* share of the width in PDF/HTML layouts (1 = average) */
} LbReportColumn;

typedef struct
{
  char     *text;  /* for people; "" when empty, never NULL */
  JsonNode *value; /* machine value; a JSON null when empty */
  int       tone;  /* LbReportTone: how a badge-like cell is coloured */
} LbReportCell;

typedef enum
{
  LB_REPORT_TONE_NONE,
  LB_REPORT_TONE_GOOD,
  LB_REPORT_TONE_WARNING,
  LB_REPORT_TONE_BAD,
  LB_REPORT_TONE_MUTED,
} LbReportTone;

typedef struct
{
  char      *name;    /* file stem and JSON member: "rehearsals" */
  char      *title;   /* for people: "Rehearsals" */
  GPtrArray *columns; /* LbReportColumn */
  GPtrArray *rows;    /* GPtrArray of LbReportCell, one per column */
} LbReportTable;

LbReportTable *lb_report_table_new        (const char    *name,
                                           const char    *title);
void           lb_report_table_free       (LbReportTable *table);
void           lb_report_table_add_column (LbReportTable *table,
                                           const char    *key,
                                           const char    *label,
                                           LbReportAlign  align,
                                           double         weight);
/* Starts a row; the cells that follow fill it column by column. */
void           lb_report_table_begin_row  (LbReportTable *table);
/* @text may be NULL (an empty cell); the value is the same text. */
void           lb_report_table_add_text   (LbReportTable *table,
                                           const char    *text);
/* A cell whose machine value differs from its text. Takes @value (may be NULL: JSON null). */
void           lb_report_table_add_cell   (LbReportTable *table,
                                           const char    *text,
                                           JsonNode      *value);
/* LB_UNSET_INT / NAN give an empty cell. @unit is appended to the text only ("73 min"). */
void           lb_report_table_add_int    (LbReportTable *table,
                                           gint64         value,
                                           const char    *unit);
void           lb_report_table_add_real   (LbReportTable *table,
                                           double         value,
                                           int            decimals,
                                           const char    *unit);
/* Local time for people, ISO 8601 UTC as the value. */
void           lb_report_table_add_time   (LbReportTable *table,
                                           gint64         ms);
/* The enum value's label as text, its nick as the value. */
void           lb_report_table_add_enum   (LbReportTable *table,
                                           const void    *enum_info,
                                           int            value);
/* Colours the row's last cell. */
void           lb_report_table_set_tone   (LbReportTable *table,
                                           LbReportTone   tone);
guint          lb_report_table_get_n_rows (const LbReportTable *table);
const LbReportCell *lb_report_table_get_cell (const LbReportTable *table,
                                              guint                row,
                                              guint                column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbReportTable, lb_report_table_free)

G_END_DECLS
