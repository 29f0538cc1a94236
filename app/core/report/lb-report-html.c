/* lb-report-html.c: the report as one self-contained, print-friendly HTML file — inline
 * CSS, charts as inline SVG from the same drawing code as the PDF, no scripts, fonts or
 * external images. Every text from the database is escaped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "../model/lb-error.h"
#include "../model/lb-time.h"
#include "lb-report-private.h"

static const char style[] =
  "body{font-family:Cantarell,'DejaVu Sans',sans-serif;color:#242428;margin:2em auto;max-width:60em;"
  "line-height:1.4;padding:0 1em}"
  "h1{font-size:1.9em;margin:.2em 0}h2{font-size:1.3em;border-bottom:2px solid #1c71d8;padding-bottom:.2em;"
  "margin-top:2em}h3{font-size:1.05em}"
  ".muted{color:#6b6b73}.kicker{color:#1c71d8;font-weight:bold;font-size:.8em;letter-spacing:.08em}"
  ".verdict{padding:1em 1.2em;border-left:6px solid;margin:1em 0}.verdict b{font-size:2em;display:block}"
  ".tone-1{border-color:#26a269;background:#eaf6ef;color:#1a7348}"
  ".tone-2{border-color:#c64600;background:#fbf0e6;color:#9c3a00}"
  ".tone-3{border-color:#c01c28;background:#fbe9ea;color:#a51d2d}"
  ".tone-4{color:#6b6b73}"
  "table{border-collapse:collapse;width:100%;font-size:.85em;margin:.6em 0 1.2em}"
  "th{background:#eaecf1;text-align:left;padding:.35em .5em}"
  "td{padding:.35em .5em;border-bottom:1px solid #d1d1d9;vertical-align:top}"
  "tr:nth-child(even) td{background:#f7f7f9}"
  "td.end,th.end{text-align:right}td.center,th.center{text-align:center}"
  "td.tone-1,td.tone-2,td.tone-3{font-weight:bold;background:none}"
  "figure{margin:1em 0}figure svg{max-width:100%;height:auto}"
  "@media print{body{margin:0;max-width:none}h2{page-break-before:always}"
  "tr{page-break-inside:avoid}thead{display:table-header-group}}";

static void
escaped (GString    *out,
         const char *text)
{
  g_autofree char *e = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, e);
}

/* Escaped, with line breaks kept. */
static void
escaped_lines (GString    *out,
               const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br>");
      escaped (out, lines[i]);
    }
}

static void
table (GString             *out,
       const LbReportTable *t)
{
  static const char *const align[] = { "start", "end", "center" };

  g_string_append_printf (out, "<h3>");
  escaped (out, t->title);
  g_string_append (out, "</h3>\n");
  if (lb_report_table_get_n_rows (t) == 0)
    {
      g_string_append_printf (out, "<p class=\"muted\">%s</p>\n", _("None recorded."));
      return;
    }
  g_string_append (out, "<table>\n<thead><tr>");
  for (guint c = 0; c < t->columns->len; c++)
    {
      const LbReportColumn *column = t->columns->pdata[c];

      g_string_append_printf (out, "<th class=\"%s\">", align[column->align]);
      escaped (out, column->label);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint r = 0; r < lb_report_table_get_n_rows (t); r++)
    {
      g_string_append (out, "<tr>");
      for (guint c = 0; c < t->columns->len; c++)
        {
          const LbReportCell *cell = lb_report_table_get_cell (t, r, c);
          g_autofree char *value = lb_report_cell_value_text (cell);

          g_string_append_printf (out, "<td class=\"%s tone-%d\" data-value=\"",
                                  align[((LbReportColumn *) t->columns->pdata[c])->align], cell->tone);
          escaped (out, value);
          g_string_append (out, "\">");
          escaped_lines (out, cell->text);
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

/* ---- charts --------------------------------------------------------------------------- */

typedef struct
{
  void        (*draw) (cairo_t *cr, double width, double height, gconstpointer data);
  gconstpointer data;
} Figure;

static void
draw_figure (cairo_t *cr,
             double   width,
             double   height,
             gpointer user_data)
{
  Figure *figure = user_data;

  figure->draw (cr, width, height, figure->data);
}

/* cairo names its glyphs and clips "glyph0-1", "clip1" … in every document: prefixed per
 * figure, several SVGs can share one page. */
static char *
unique_ids (const char *svg,
            guint       figure)
{
  g_autofree char *prefix = g_strdup_printf ("f%u-", figure);
  g_autofree char *id = g_strdup_printf ("id=\"%s", prefix);
  g_autofree char *href = g_strdup_printf ("href=\"#%s", prefix);
  g_autofree char *url = g_strdup_printf ("url(#%s", prefix);
  GString *s = g_string_new (svg);

  g_string_replace (s, "id=\"", id, 0);
  g_string_replace (s, "href=\"#", href, 0);
  g_string_replace (s, "url(#", url, 0);
  return g_string_free (s, FALSE);
}

static void
figure (GString      *out,
        guint        *n_figures,
        double        width,
        double        height,
        void        (*draw) (cairo_t *cr, double width, double height, gconstpointer data),
        gconstpointer data,
        const char   *caption)
{
  Figure f = { draw, data };
  g_autofree char *svg = lb_render_to_svg (width, height, draw_figure, &f, NULL);
  g_autofree char *unique = svg != NULL ? unique_ids (svg, ++*n_figures) : NULL;

  if (unique == NULL)
    return;
  g_string_append_printf (out, "<figure role=\"img\" aria-label=\"");
  escaped (out, caption);
  g_string_append_printf (out, "\">%s</figure>\n", unique);
}

/* ---- sections ------------------------------------------------------------------------- */

static const LbReportTable *
find_table (GPtrArray  *tables,
            const char *name)
{
  for (guint i = 0; i < tables->len; i++)
    if (g_str_equal (((LbReportTable *) tables->pdata[i])->name, name))
      return tables->pdata[i];
  return NULL;
}

static void
verdict_box (GString               *out,
             const LbProjectReport *report)
{
  g_autofree char *cutover = lb_report_format_time (report->go_no_go->cutover_at);
  g_autoptr(GPtrArray) reasons = lb_project_report_top_reasons (report, 3);

  g_string_append_printf (out, "<div class=\"verdict tone-%d\"><span class=\"kicker\">%s</span><b>",
                          lb_report_verdict_tone (report->go_no_go->verdict), _("VERDICT"));
  escaped (out, lb_enum_info_label (&lb_go_no_go_verdict_enum, report->go_no_go->verdict));
  g_string_append (out, "</b>");
  escaped (out, report->go_no_go->detail);
  g_string_append (out, "</div>\n<p>");
  escaped (out, _("Planned cutover: "));
  escaped (out, cutover);
  g_string_append (out, "</p>\n<ol>");
  for (guint i = 0; i < reasons->len; i++)
    {
      g_string_append (out, "<li>");
      escaped (out, reasons->pdata[i]);
      g_string_append (out, "</li>");
    }
  g_string_append (out, "</ol>\n");
}

static void
project_section (GString               *out,
                 const LbProjectReport *report,
                 guint                 *n_figures,
                 gboolean               in_portfolio)
{
  g_autoptr(GPtrArray) tables = lb_report_tables_for_project (report);
  const LbProject *p = report->project;
  LbReportDowntimeData downtime;

  g_string_append (out, in_portfolio ? "<h2>" : "<h1>");
  escaped (out, p->name);
  g_string_append (out, in_portfolio ? "</h2>\n" : "</h1>\n");
  g_string_append (out, "<p class=\"muted\">");
  escaped (out, p->source_server);
  g_string_append (out, " / ");
  escaped (out, p->source_database);
  g_string_append (out, " → ");
  escaped (out, p->target_instance);
  if (report->wave_name != NULL)
    {
      g_string_append (out, " · ");
      escaped (out, report->wave_name);
    }
  g_string_append (out, "</p>\n");
  verdict_box (out, report);

  if (!in_portfolio)
    g_string_append_printf (out, "<h2>%s</h2>\n", _("Rehearsal outcomes"));
  lb_report_downtime_data_init (&downtime, report);
  if (downtime.n > 0)
    figure (out, n_figures, 640, 200, lb_report_draw_downtime, &downtime, _("Rehearsal downtime against the target"));
  lb_report_downtime_data_clear (&downtime);
  table (out, find_table (tables, "rehearsals"));

  if (!in_portfolio)
    g_string_append_printf (out, "<h2>%s</h2>\n", _("Replication lag"));
  if (report->has_lag)
    figure (out, n_figures, 800, 280, lb_report_draw_lag, report, _("Replication lag with the approved threshold"));
  table (out, find_table (tables, "lag_statistics"));
  if (in_portfolio)
    {
      table (out, find_table (tables, "rules"));
      return;
    }

  g_string_append_printf (out, "<h2>%s</h2>\n", _("Capacity, costs and risks"));
  table (out, find_table (tables, "capacity"));
  table (out, find_table (tables, "costs"));
  figure (out, n_figures, 300, 240, lb_report_draw_heat_map, &report->risk_summary.heat_map,
          _("Risk heat map: likelihood against impact"));
  table (out, find_table (tables, "risks"));
  g_string_append_printf (out, "<h2>%s</h2>\n", _("Readiness and approvals"));
  table (out, find_table (tables, "readiness"));
  table (out, find_table (tables, "approvals"));
  g_string_append_printf (out, "<h2>%s</h2>\n", _("Evidence index"));
  table (out, find_table (tables, "evidence"));
  table (out, find_table (tables, "rehearsal_steps"));
  g_string_append_printf (out, "<h2>%s</h2>\n<p>", _("Appendix: go/no-go rules"));
  g_string_append_printf (out, _("Rule set version %d."), LB_GO_NO_GO_RULESET_VERSION);
  g_string_append (out, "</p>\n");
  table (out, find_table (tables, "rules"));
}

gboolean
lb_report_write_html (const LbProjectReport   *project,
                      const LbPortfolioReport *portfolio,
                      const LbReportOptions   *options,
                      const char              *path,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  g_autofree char *generated = lb_time_format_local (options->generated_at);
  const char *title = project != NULL ? project->project->name : _("Portfolio");
  guint n_figures = 0;

  g_string_append (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>");
  escaped (out, _("Cutover report"));
  g_string_append (out, " — ");
  escaped (out, title);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head><body>\n<p class=\"kicker\">", style);
  if (options->organisation != NULL)
    {
      escaped (out, options->organisation);
      g_string_append (out, " · ");
    }
  escaped (out, _("CUTOVER REPORT"));
  g_string_append (out, "</p>\n");

  if (project != NULL)
    project_section (out, project, &n_figures, FALSE);
  else
    {
      g_autoptr(LbReportTable) projects = lb_report_projects_table (portfolio, 0, TRUE);

      g_string_append_printf (out, "<h1>%s</h1>\n", _("Portfolio cutover report"));
      table (out, projects);
      for (guint w = 0; w < portfolio->waves->len; w++)
        {
          const LbWave *wave = portfolio->waves->pdata[w];
          g_autoptr(LbReportTable) wave_projects = lb_report_projects_table (portfolio, wave->id, FALSE);

          g_string_append (out, "<h2>");
          escaped (out, wave->name);
          g_string_append (out, "</h2>\n");
          table (out, wave_projects);
        }
      for (guint i = 0; i < portfolio->projects->len; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          project_section (out, portfolio->projects->pdata[i], &n_figures, TRUE);
        }
    }
  g_string_append_printf (out, "<p class=\"muted\">");
  escaped (out, _("Generated by Linkbench on "));
  escaped (out, generated);
  g_string_append (out, "</p>\n</body></html>\n");

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot write “%s”: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
