/* lb-report-csv.c: the report's tables as CSV files in a folder, one per table — for people
 * who will rework the figures. Machine values (ISO 8601 UTC times, minor units, enum nicks),
 * quoted by libcsv, RFC 4180 line ends (CRLF), UTF-8. Each file is replaced atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "../model/lb-error.h"
#include "lb-report-private.h"

static void
append_field (GString    *out,
              const char *text)
{
  gsize len = strlen (text);
  gsize needed = csv_write (NULL, 0, text, len);
  gsize at = out->len;

  g_string_set_size (out, at + needed);
  csv_write (out->str + at, needed, text, len);
}

static char *
table_to_csv (const LbReportTable *table)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, ((LbReportColumn *) table->columns->pdata[c])->key);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < lb_report_table_get_n_rows (table); r++)
    {
      for (guint c = 0; c < table->columns->len; c++)
        {
          g_autofree char *value = lb_report_cell_value_text (lb_report_table_get_cell (table, r, c));

          if (c > 0)
            g_string_append_c (out, ',');
          append_field (out, value);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
lb_report_write_csv (const LbProjectReport   *project,
                     const LbPortfolioReport *portfolio,
                     const LbReportOptions   *options,
                     const char              *path,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(GPtrArray) tables = lb_report_tables_for (project, portfolio);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot create the folder “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < tables->len; i++)
    {
      const LbReportTable *table = tables->pdata[i];
      g_autofree char *name = g_strconcat (table->name, ".csv", NULL);
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *csv = table_to_csv (table);
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!g_file_set_contents_full (file, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
        {
          g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot write “%s”: %s"), file, local->message);
          return FALSE;
        }
    }
  return TRUE;
}
