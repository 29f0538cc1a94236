/* lb-report-pdf.c: the executive cutover report as PDF.
 *
 * A small page-flow engine (a cursor that moves down the page and starts a new page with
 * the running header and footer when the next block does not fit) and, on top of it, the
 * report's sections. Text is set with one Pango context for the whole document, and each
 * piece of text laid out is kept for when it comes again (see get_layout()); charts are
 * drawn as vectors by the same code as the GUI's and the HTML's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "../model/lb-error.h"
#include "../model/lb-time.h"
#include "../render/lb-lag-chart.h"
#include "../render/lb-report-charts.h"
#include "lb-report.h"
#include "lb-report-private.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans"
#define MONO_FAMILY "DejaVu Sans Mono"

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.14, 0.14, 0.16 };
static const Rgb muted = { 0.42, 0.42, 0.45 };
static const Rgb rule_grey = { 0.82, 0.82, 0.85 };
static const Rgb zebra = { 0.965, 0.965, 0.975 };
static const Rgb head_bg = { 0.92, 0.93, 0.95 };
static const Rgb accent = { 0.11, 0.44, 0.85 }; /* Adwaita blue 4 */

typedef enum
{
  STYLE_BODY,
  STYLE_BODY_BOLD,
  STYLE_SMALL,
  STYLE_SMALL_BOLD,
  STYLE_TABLE,
  STYLE_TABLE_HEAD,
  STYLE_MONO,
  STYLE_H1,
  STYLE_H2,
  STYLE_KICKER,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_VERDICT,
  STYLE_FIGURE,
  N_STYLES
} Style;

static const struct
{
  const char *family;
  double      size;
  PangoWeight weight;
} styles[N_STYLES] = {
  [STYLE_BODY] = { FONT_FAMILY, 9.5, PANGO_WEIGHT_NORMAL },
  [STYLE_BODY_BOLD] = { FONT_FAMILY, 9.5, PANGO_WEIGHT_BOLD },
  [STYLE_SMALL] = { FONT_FAMILY, 7.5, PANGO_WEIGHT_NORMAL },
  [STYLE_SMALL_BOLD] = { FONT_FAMILY, 7.5, PANGO_WEIGHT_BOLD },
  [STYLE_TABLE] = { FONT_FAMILY, 8, PANGO_WEIGHT_NORMAL },
  [STYLE_TABLE_HEAD] = { FONT_FAMILY, 7.5, PANGO_WEIGHT_BOLD },
  [STYLE_MONO] = { MONO_FAMILY, 6.5, PANGO_WEIGHT_NORMAL },
  [STYLE_H1] = { FONT_FAMILY, 17, PANGO_WEIGHT_BOLD },
  [STYLE_H2] = { FONT_FAMILY, 11.5, PANGO_WEIGHT_BOLD },
  [STYLE_KICKER] = { FONT_FAMILY, 9, PANGO_WEIGHT_BOLD },
  [STYLE_TITLE] = { FONT_FAMILY, 26, PANGO_WEIGHT_BOLD },
  [STYLE_SUBTITLE] = { FONT_FAMILY, 12, PANGO_WEIGHT_NORMAL },
  [STYLE_VERDICT] = { FONT_FAMILY, 34, PANGO_WEIGHT_BOLD },
  [STYLE_FIGURE] = { FONT_FAMILY, 15, PANGO_WEIGHT_BOLD },
};

typedef struct
{
  const LbReportOptions *options;
  GCancellable          *cancellable;
  cairo_surface_t       *surface;
  cairo_t               *cr;
  PangoContext          *context;
  PangoFontDescription  *fonts[N_STYLES];
  GHashTable            *layouts;        /* LayoutKey → PangoLayout */
  double                 page_w, page_h;
  double                 x0, x1, y0, y1; /* the content box */
  double                 y;              /* the cursor */
  guint                  page;
  gboolean               page_open;
  gboolean               cover;          /* no running header on this page */
  char                  *header_left;
  char                  *first_header;
  char                  *footer_left;
  /* The first of two passes: pages are laid out and counted, nothing is drawn, so the
   * second can print "Page 3 of 9". The second reuses the first's layouts, so it costs
   * little more than the drawing. */
  gboolean               dry;
  cairo_t               *pdf_cr;
  cairo_t               *dry_cr;
  guint                  n_pages;
} Pdf;

/* ---- formatting -------------------------------------------------------------------------- */

static char *
format_seconds (double s)
{
  if (isnan (s))
    return g_strdup (_("n/a"));
  return g_strdup_printf (_("%.2f s"), s);
}

static char *
format_date (gint64 ms)
{
  g_autoptr(GDateTime) dt = NULL;

  if (ms == LB_UNSET_INT)
    return g_strdup (_("not set"));
  dt = g_date_time_new_from_unix_local (ms / 1000);
  return dt != NULL ? g_date_time_format (dt, "%e %B %Y") : g_strdup ("?");
}

static Rgb
tone_rgb (int tone)
{
  double c[3];
  Rgb rgb;

  lb_report_tone_color (tone, FALSE, c);
  rgb.r = c[0];
  rgb.g = c[1];
  rgb.b = c[2];
  return rgb;
}

/* A pale tint of @c over white, for backgrounds. */
static Rgb
tint (Rgb    c,
      double amount)
{
  Rgb t = { 1 + (c.r - 1) * amount, 1 + (c.g - 1) * amount, 1 + (c.b - 1) * amount };

  return t;
}

static const char *
verdict_label (LbGoNoGoVerdict verdict)
{
  return _(lb_enum_info_label (&lb_go_no_go_verdict_enum, verdict));
}

/* ---- page flow --------------------------------------------------------------------------- */

static void
set_rgb (Pdf       *pdf,
         const Rgb *c)
{
  cairo_set_source_rgb (pdf->cr, c->r, c->g, c->b);
}

/* Laying text out is most of the cost of a page, and a report says much of its text again
 * and again: the running header and footer, column heads, statuses, each project's rule
 * descriptions. Every layout made is kept under all that shapes it, so a block measured
 * before it is drawn, and the second pass over the document (see Pdf.dry), find their
 * text laid out already. MAX_LAYOUTS (a few kB each) holds a 200-project portfolio's. */
#define MAX_LAYOUTS 4096

typedef struct
{
  char          *text;
  Style          style;
  int            width;      /* Pango units; -1: unwrapped */
  int            max_height; /* Pango units, the rest cut with an ellipsis; -1: no limit */
  PangoAlignment align;
} LayoutKey;

static guint
layout_key_hash (gconstpointer data)
{
  const LayoutKey *key = data;

  return g_str_hash (key->text) ^ (((guint) key->style << 24) + ((guint) key->align << 20) + (guint) key->width * 31 +
                                   (guint) key->max_height);
}

static gboolean
layout_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const LayoutKey *ka = a, *kb = b;

  return ka->style == kb->style && ka->width == kb->width && ka->max_height == kb->max_height &&
         ka->align == kb->align && strcmp (ka->text, kb->text) == 0;
}

static void
layout_key_free (gpointer data)
{
  LayoutKey *key = data;

  g_free (key->text);
  g_free (key);
}

/* (transfer none): @text in @style, wrapped at @width (not when ≤ 0) and cut with an
 * ellipsis below @max_height (not when ≤ 0). Valid until the next call: take a reference
 * to keep it longer. Never change it: it is shared. */
static PangoLayout *
get_layout (Pdf           *pdf,
            const char    *text,
            Style          style,
            double         width,
            PangoAlignment align,
            double         max_height)
{
  LayoutKey key = {
    .text = (char *) (text != NULL ? text : ""),
    .style = style,
    .width = width > 0 ? (int) (width * PANGO_SCALE) : -1,
    .max_height = max_height > 0 ? (int) (max_height * PANGO_SCALE) : -1,
    .align = align,
  };
  PangoLayout *layout = g_hash_table_lookup (pdf->layouts, &key);
  LayoutKey *stored;

  if (layout != NULL)
    return layout;
  /* Bounds the memory on a long report of text that does not repeat; what does is soon
   * back. Layouts still referenced (a table's current row) live on. */
  if (g_hash_table_size (pdf->layouts) >= MAX_LAYOUTS)
    g_hash_table_remove_all (pdf->layouts);
  layout = pango_layout_new (pdf->context);
  pango_layout_set_font_description (layout, pdf->fonts[style]);
  pango_layout_set_width (layout, key.width);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  if (key.max_height > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, key.max_height);
    }
  pango_layout_set_text (layout, key.text, -1);
  stored = g_memdup2 (&key, sizeof key);
  stored->text = g_strdup (key.text);
  g_hash_table_insert (pdf->layouts, stored, layout);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Returns the height of @text laid out; draws it at (@x, @y) with @color unless @color is
 * NULL. */
static double
text_at (Pdf           *pdf,
         const char    *text,
         Style          style,
         const Rgb     *color,
         double         x,
         double         y,
         double         width,
         PangoAlignment align)
{
  PangoLayout *layout = get_layout (pdf, text, style, width, align, -1);

  if (color != NULL && !pdf->dry)
    {
      set_rgb (pdf, color);
      cairo_move_to (pdf->cr, x, y);
      pango_cairo_show_layout (pdf->cr, layout);
    }
  return layout_height (layout);
}

static void
draw_running_parts (Pdf *pdf)
{
  g_autofree char *number = pdf->n_pages > 0 ? g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->n_pages)
                                             : g_strdup_printf (_("Page %u"), pdf->page);
  double fy = pdf->page_h - 36;

  if (!pdf->cover)
    {
      double w = pdf->x1 - pdf->x0;
      double h = text_at (pdf, pdf->header_left, STYLE_SMALL, &muted, pdf->x0, 30, w * 0.7, PANGO_ALIGN_LEFT);

      text_at (pdf, _("Cutover report"), STYLE_SMALL_BOLD, &accent, pdf->x0, 30, w, PANGO_ALIGN_RIGHT);
      set_rgb (pdf, &rule_grey);
      cairo_set_line_width (pdf->cr, 0.6);
      cairo_move_to (pdf->cr, pdf->x0, 30 + MAX (h, 10) + 4);
      cairo_line_to (pdf->cr, pdf->x1, 30 + MAX (h, 10) + 4);
      cairo_stroke (pdf->cr);
    }
  set_rgb (pdf, &rule_grey);
  cairo_set_line_width (pdf->cr, 0.6);
  cairo_move_to (pdf->cr, pdf->x0, fy - 6);
  cairo_line_to (pdf->cr, pdf->x1, fy - 6);
  cairo_stroke (pdf->cr);
  text_at (pdf, pdf->footer_left, STYLE_SMALL, &muted, pdf->x0, fy, (pdf->x1 - pdf->x0) * 0.75, PANGO_ALIGN_LEFT);
  text_at (pdf, number, STYLE_SMALL, &muted, pdf->x0, fy, pdf->x1 - pdf->x0, PANGO_ALIGN_RIGHT);
}

static void
end_page (Pdf *pdf)
{
  if (!pdf->page_open)
    return;
  cairo_show_page (pdf->cr);
  pdf->page_open = FALSE;
}

static void
begin_page (Pdf     *pdf,
            gboolean cover)
{
  end_page (pdf);
  pdf->page++;
  pdf->page_open = TRUE;
  pdf->cover = cover;
  draw_running_parts (pdf);
  pdf->y = pdf->y0;
}

static void
new_page (Pdf *pdf)
{
  begin_page (pdf, FALSE);
}

/* Starts a new page unless @height fits below the cursor. */
static void
ensure (Pdf   *pdf,
        double height)
{
  if (!pdf->page_open || (pdf->y + height > pdf->y1 && pdf->y > pdf->y0 + 1))
    new_page (pdf);
}

static void
space (Pdf   *pdf,
       double height)
{
  pdf->y += height;
}

static void
paragraph (Pdf        *pdf,
           const char *text,
           Style       style,
           const Rgb  *color,
           double      after)
{
  double w = pdf->x1 - pdf->x0;
  double h = text_at (pdf, text, style, NULL, 0, 0, w, PANGO_ALIGN_LEFT);

  ensure (pdf, h);
  text_at (pdf, text, style, color != NULL ? color : &ink, pdf->x0, pdf->y, w, PANGO_ALIGN_LEFT);
  pdf->y += h + after;
}

/* A paragraph indented behind a marker ("1.", "•"). */
static void
list_item (Pdf        *pdf,
           const char *marker,
           const char *text,
           Style       style,
           const Rgb  *marker_color)
{
  double indent = 16;
  double w = pdf->x1 - pdf->x0 - indent;
  double h = text_at (pdf, text, style, NULL, 0, 0, w, PANGO_ALIGN_LEFT);

  ensure (pdf, h);
  text_at (pdf, marker, STYLE_BODY_BOLD, marker_color != NULL ? marker_color : &accent, pdf->x0, pdf->y, indent,
           PANGO_ALIGN_LEFT);
  text_at (pdf, text, style, &ink, pdf->x0 + indent, pdf->y, w, PANGO_ALIGN_LEFT);
  pdf->y += h + 4;
}

/* A paragraph behind a small filled badge (a risk score in its band colour). */
static void
badge_item (Pdf        *pdf,
            const char *badge,
            const char *text,
            const Rgb  *color,
            gboolean    white_text)
{
  static const Rgb white = { 1, 1, 1 };
  double indent = 24;
  double w = pdf->x1 - pdf->x0 - indent;
  double h = text_at (pdf, text, STYLE_BODY, NULL, 0, 0, w, PANGO_ALIGN_LEFT);
  double bh = text_at (pdf, badge, STYLE_SMALL_BOLD, NULL, 0, 0, 18, PANGO_ALIGN_CENTER);

  ensure (pdf, h);
  set_rgb (pdf, color);
  cairo_rectangle (pdf->cr, pdf->x0, pdf->y + 0.5, 18, MAX (bh + 2, 11));
  cairo_fill (pdf->cr);
  text_at (pdf, badge, STYLE_SMALL_BOLD, white_text ? &white : &ink, pdf->x0, pdf->y + 1.5, 18, PANGO_ALIGN_CENTER);
  text_at (pdf, text, STYLE_BODY, &ink, pdf->x0 + indent, pdf->y, w, PANGO_ALIGN_LEFT);
  pdf->y += h + 4;
}

/* A section title with a rule under it, kept with at least @keep of what follows. */
static void
heading (Pdf        *pdf,
         const char *text,
         double      keep)
{
  double w = pdf->x1 - pdf->x0;
  double h = text_at (pdf, text, STYLE_H1, NULL, 0, 0, w, PANGO_ALIGN_LEFT);

  if (pdf->y > pdf->y0 + 1)
    space (pdf, 10);
  ensure (pdf, h + 10 + keep);
  text_at (pdf, text, STYLE_H1, &ink, pdf->x0, pdf->y, w, PANGO_ALIGN_LEFT);
  pdf->y += h + 3;
  cairo_set_source_rgb (pdf->cr, accent.r, accent.g, accent.b);
  cairo_rectangle (pdf->cr, pdf->x0, pdf->y, 36, 2);
  cairo_fill (pdf->cr);
  pdf->y += 12;
}

static void
subheading (Pdf        *pdf,
            const char *text,
            double      keep)
{
  double w = pdf->x1 - pdf->x0;
  double h = text_at (pdf, text, STYLE_H2, NULL, 0, 0, w, PANGO_ALIGN_LEFT);

  if (pdf->y > pdf->y0 + 1)
    space (pdf, 8);
  ensure (pdf, h + 6 + keep);
  text_at (pdf, text, STYLE_H2, &ink, pdf->x0, pdf->y, w, PANGO_ALIGN_LEFT);
  pdf->y += h + 6;
}

/* Label–value pairs in two columns; @pairs ends with NULL. */
static void
facts (Pdf                *pdf,
       const char * const *pairs,
       double              label_width)
{
  double w = pdf->x1 - pdf->x0;

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      double hv = text_at (pdf, pairs[i + 1], STYLE_BODY, NULL, 0, 0, w - label_width, PANGO_ALIGN_LEFT);
      double hl = text_at (pdf, pairs[i], STYLE_SMALL_BOLD, NULL, 0, 0, label_width - 8, PANGO_ALIGN_LEFT);
      double h = MAX (hv, hl);

      ensure (pdf, h);
      text_at (pdf, pairs[i], STYLE_SMALL_BOLD, &muted, pdf->x0, pdf->y + 1.5, label_width - 8, PANGO_ALIGN_LEFT);
      text_at (pdf, pairs[i + 1], STYLE_BODY, &ink, pdf->x0 + label_width, pdf->y, w - label_width,
               PANGO_ALIGN_LEFT);
      pdf->y += h + 4;
    }
}

typedef void (*ChartFunc) (cairo_t *cr, double width, double height, gconstpointer data);

/* A chart @height high across the content width, drawn at @scale (labels shrink with it). */
static void
chart (Pdf          *pdf,
       double        height,
       double        scale,
       ChartFunc     draw,
       gconstpointer data)
{
  double w = pdf->x1 - pdf->x0;

  ensure (pdf, height);
  if (pdf->dry)
    {
      pdf->y += height + 8;
      return;
    }
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, pdf->x0, pdf->y);
  cairo_rectangle (pdf->cr, 0, 0, w, height);
  cairo_clip (pdf->cr);
  cairo_scale (pdf->cr, scale, scale);
  draw (pdf->cr, w / scale, height / scale, data);
  cairo_restore (pdf->cr);
  pdf->y += height + 8;
}

/* ---- tables ------------------------------------------------------------------------------ */

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.2

typedef struct
{
  const LbReportTable *table;
  guint                n_columns;
  double              *x;      /* left edge of each column */
  double              *w;
  PangoLayout        **layouts; /* the cells of the row last measured (owned references) */
  gboolean            *mono;
  double               max_cell_h;
} TableFlow;

static PangoAlignment
pango_align (LbReportAlign align)
{
  return align == LB_REPORT_ALIGN_END ? PANGO_ALIGN_RIGHT : align == LB_REPORT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                                                                             : PANGO_ALIGN_LEFT;
}

static PangoLayout *
table_header_layout (Pdf       *pdf,
                     TableFlow *flow,
                     guint      c)
{
  const LbReportColumn *column = flow->table->columns->pdata[c];

  return get_layout (pdf, column->label, STYLE_TABLE_HEAD, flow->w[c] - 2 * CELL_PAD_X, pango_align (column->align),
                     -1);
}

static double
table_header (Pdf       *pdf,
              TableFlow *flow,
              gboolean   draw)
{
  double h = 0;

  for (guint c = 0; c < flow->n_columns; c++)
    h = MAX (h, layout_height (table_header_layout (pdf, flow, c)));
  h += 2 * CELL_PAD_Y;
  if (!draw || pdf->dry)
    {
      if (draw)
        pdf->y += h;
      return h;
    }
  set_rgb (pdf, &head_bg);
  cairo_rectangle (pdf->cr, pdf->x0, pdf->y, pdf->x1 - pdf->x0, h);
  cairo_fill (pdf->cr);
  set_rgb (pdf, &muted);
  for (guint c = 0; c < flow->n_columns; c++)
    {
      cairo_move_to (pdf->cr, flow->x[c] + CELL_PAD_X, pdf->y + CELL_PAD_Y);
      pango_cairo_show_layout (pdf->cr, table_header_layout (pdf, flow, c));
    }
  pdf->y += h;
  return h;
}

static double
table_row_measure (Pdf       *pdf,
                   TableFlow *flow,
                   GPtrArray *row)
{
  double h = 0;

  for (guint c = 0; c < flow->n_columns; c++)
    {
      const LbReportColumn *column = flow->table->columns->pdata[c];
      const LbReportCell *cell = c < row->len ? row->pdata[c] : NULL;
      Style style = flow->mono[c] ? STYLE_MONO : cell != NULL && cell->tone > LB_REPORT_TONE_NONE &&
                                                         cell->tone != LB_REPORT_TONE_MUTED
                                                       ? STYLE_SMALL_BOLD
                                                       : STYLE_TABLE;

      /* A cell never grows past what one page holds under the header: the rest of an
       * oversized text is cut with an ellipsis rather than running into the footer. */
      g_set_object (&flow->layouts[c], get_layout (pdf, cell != NULL ? cell->text : "", style,
                                                   flow->w[c] - 2 * CELL_PAD_X, pango_align (column->align),
                                                   flow->max_cell_h));
      h = MAX (h, layout_height (flow->layouts[c]));
    }
  return h + 2 * CELL_PAD_Y;
}

static void
table_row_draw (Pdf       *pdf,
                TableFlow *flow,
                GPtrArray *row,
                guint      index_,
                double     h)
{
  if (pdf->dry)
    return;
  if (index_ % 2 == 1)
    {
      set_rgb (pdf, &zebra);
      cairo_rectangle (pdf->cr, pdf->x0, pdf->y, pdf->x1 - pdf->x0, h);
      cairo_fill (pdf->cr);
    }
  for (guint c = 0; c < flow->n_columns; c++)
    {
      const LbReportCell *cell = c < row->len ? row->pdata[c] : NULL;
      int tone = cell != NULL ? cell->tone : LB_REPORT_TONE_NONE;
      Rgb color = tone_rgb (tone);

      if (tone != LB_REPORT_TONE_NONE && tone != LB_REPORT_TONE_MUTED && cell->text[0] != '\0')
        {
          /* A badge: the cell's text on a pale tint of its tone. */
          double tw = MIN (layout_width (flow->layouts[c]), flow->w[c] - 2 * CELL_PAD_X);
          double th = layout_height (flow->layouts[c]);
          double bx = flow->x[c] + CELL_PAD_X - 2.5;
          const LbReportColumn *column = flow->table->columns->pdata[c];

          if (column->align == LB_REPORT_ALIGN_END)
            bx = flow->x[c] + flow->w[c] - CELL_PAD_X - tw - 2.5;
          else if (column->align == LB_REPORT_ALIGN_CENTER)
            bx = flow->x[c] + (flow->w[c] - tw) / 2 - 2.5;
          if (pango_layout_get_line_count (flow->layouts[c]) > 1)
            {
              bx = flow->x[c] + 1;
              tw = flow->w[c] - 7;
            }
          {
            Rgb bg = tint (color, 0.16);

            set_rgb (pdf, &bg);
            cairo_rectangle (pdf->cr, bx, pdf->y + CELL_PAD_Y - 1, tw + 5, th + 2);
            cairo_fill (pdf->cr);
          }
        }
      set_rgb (pdf, tone == LB_REPORT_TONE_NONE ? &ink : &color);
      cairo_move_to (pdf->cr, flow->x[c] + CELL_PAD_X, pdf->y + CELL_PAD_Y);
      pango_cairo_show_layout (pdf->cr, flow->layouts[c]);
    }
  set_rgb (pdf, &rule_grey);
  cairo_set_line_width (pdf->cr, 0.4);
  cairo_move_to (pdf->cr, pdf->x0, pdf->y + h);
  cairo_line_to (pdf->cr, pdf->x1, pdf->y + h);
  cairo_stroke (pdf->cr);
}

/* The whole table, its header row repeated on every page it runs onto. A row never splits:
 * it moves to the next page when it does not fit. */
static void
table (Pdf                 *pdf,
       const LbReportTable *t,
       const char          *empty_text)
{
  TableFlow flow = { t, t->columns->len, NULL, NULL, NULL, NULL, 0 };
  double total_weight = 0, x, width = pdf->x1 - pdf->x0, header_h;
  guint n_rows = t->rows->len;

  if (flow.n_columns == 0)
    return;
  if (n_rows == 0)
    {
      paragraph (pdf, empty_text != NULL ? empty_text : _("Nothing recorded."), STYLE_BODY, &muted, 6);
      return;
    }
  flow.x = g_new0 (double, flow.n_columns);
  flow.w = g_new0 (double, flow.n_columns);
  flow.mono = g_new0 (gboolean, flow.n_columns);
  flow.layouts = g_new0 (PangoLayout *, flow.n_columns);
  for (guint c = 0; c < flow.n_columns; c++)
    {
      const LbReportColumn *column = t->columns->pdata[c];

      total_weight += column->weight > 0 ? column->weight : 1;
      flow.mono[c] = g_str_equal (column->key, "sha256");
    }
  x = pdf->x0;
  for (guint c = 0; c < flow.n_columns; c++)
    {
      const LbReportColumn *column = t->columns->pdata[c];

      flow.x[c] = x;
      flow.w[c] = width * (column->weight > 0 ? column->weight : 1) / total_weight;
      x += flow.w[c];
    }

  header_h = table_header (pdf, &flow, FALSE);
  flow.max_cell_h = MAX (20, pdf->y1 - pdf->y0 - header_h - 2 * CELL_PAD_Y - 4);
  {
    double first = table_row_measure (pdf, &flow, t->rows->pdata[0]);

    ensure (pdf, header_h + first);
  }
  table_header (pdf, &flow, TRUE);
  for (guint r = 0; r < n_rows; r++)
    {
      GPtrArray *row = t->rows->pdata[r];
      double h = table_row_measure (pdf, &flow, row);

      if (pdf->y + h > pdf->y1)
        {
          new_page (pdf);
          table_header (pdf, &flow, TRUE);
        }
      table_row_draw (pdf, &flow, row, r, h);
      pdf->y += h;
    }
  pdf->y += 10;

  for (guint c = 0; c < flow.n_columns; c++)
    g_clear_object (&flow.layouts[c]);
  g_free (flow.layouts);
  g_free (flow.x);
  g_free (flow.w);
  g_free (flow.mono);
}

static const LbReportTable *
find_table (GPtrArray  *tables,
            const char *name)
{
  for (guint i = 0; tables != NULL && i < tables->len; i++)
    {
      const LbReportTable *t = tables->pdata[i];

      if (g_strcmp0 (t->name, name) == 0)
        return t;
    }
  return NULL;
}


/* ---- report pieces ----------------------------------------------------------------------- */

static char *
project_route (const LbProject *p)
{
  g_autofree char *tier = p->target_tier >= 0 ? g_strdup (_(lb_enum_info_label (&lb_tier_enum, p->target_tier)))
                                              : NULL;
  g_autofree char *sku = NULL;

  if (tier != NULL && p->target_vcores != LB_UNSET_INT)
    sku = g_strdup_printf (_(" (%s, %" G_GINT64_FORMAT " vCores)"), tier, p->target_vcores);
  else if (tier != NULL)
    sku = g_strdup_printf (" (%s)", tier);
  return g_strdup_printf ("%s%s%s → %s%s", p->source_server != NULL ? p->source_server : "?",
                          p->source_database != NULL ? " / " : "",
                          p->source_database != NULL ? p->source_database : "",
                          p->target_instance != NULL ? p->target_instance : _("(no target instance)"),
                          sku != NULL ? sku : "");
}


/* A box with a coloured bar on its left: a headline figure with a caption. */
static void
tile (Pdf        *pdf,
      double      x,
      double      y,
      double      w,
      double      h,
      const char *title,
      const char *figure,
      const char *caption,
      int         tone)
{
  Rgb color = tone_rgb (tone);
  Rgb bg = tint (color, 0.07);
  double fy;

  set_rgb (pdf, tone == LB_REPORT_TONE_NONE ? &zebra : &bg);
  cairo_rectangle (pdf->cr, x, y, w, h);
  cairo_fill (pdf->cr);
  set_rgb (pdf, tone == LB_REPORT_TONE_NONE ? &accent : &color);
  cairo_rectangle (pdf->cr, x, y, 3, h);
  cairo_fill (pdf->cr);
  fy = y + 8;
  fy += text_at (pdf, title, STYLE_SMALL_BOLD, &muted, x + 12, fy, w - 20, PANGO_ALIGN_LEFT) + 3;
  fy += text_at (pdf, figure, STYLE_FIGURE, tone == LB_REPORT_TONE_NONE ? &ink : &color, x + 12, fy, w - 20,
                 PANGO_ALIGN_LEFT) + 2;
  text_at (pdf, caption, STYLE_SMALL, &ink, x + 12, fy, w - 20, PANGO_ALIGN_LEFT);
}

static void
tile_height (Pdf        *pdf,
             double      w,
             const char *title,
             const char *figure,
             const char *caption,
             double     *max)
{
  double h = 16 + text_at (pdf, title, STYLE_SMALL_BOLD, NULL, 0, 0, w - 20, PANGO_ALIGN_LEFT) + 3 +
             text_at (pdf, figure, STYLE_FIGURE, NULL, 0, 0, w - 20, PANGO_ALIGN_LEFT) + 2 +
             text_at (pdf, caption, STYLE_SMALL, NULL, 0, 0, w - 20, PANGO_ALIGN_LEFT);

  *max = MAX (*max, h);
}

typedef struct
{
  char *title, *figure, *caption;
  int   tone;
} Tile;

static void
tile_clear (Tile *t)
{
  g_free (t->title);
  g_free (t->figure);
  g_free (t->caption);
}

static void
downtime_tile (const LbProjectReport *report,
               Tile                  *t)
{
  const LbRehearsal *latest = NULL;
  const LbRehearsalDowntime *d = lb_report_latest_downtime (report, &latest);
  guint n_run = 0, n_ok = 0;

  for (guint i = 0; i < report->rehearsals->len; i++)
    {
      const LbRehearsal *r = report->rehearsals->pdata[i];

      n_run += r->outcome != LB_OUTCOME_PLANNED && r->started_at != LB_UNSET_INT;
      n_ok += r->outcome == LB_OUTCOME_SUCCESS;
    }
  t->title = g_strdup (_("Rehearsal downtime (latest)"));
  if (d == NULL || d->downtime_ms == LB_UNSET_INT)
    {
      t->figure = g_strdup (_("n/a"));
      t->caption = g_strdup (latest == NULL ? _("No rehearsal has run yet.") : _("The latest rehearsal has no measured downtime."));
      t->tone = LB_REPORT_TONE_WARNING;
      return;
    }
  t->figure = d->target_min != LB_UNSET_INT
                ? g_strdup_printf (_("%.0f of %" G_GINT64_FORMAT " min"), d->downtime_ms / 60000.0, d->target_min)
                : g_strdup_printf (_("%.0f min"), d->downtime_ms / 60000.0);
  t->caption = g_strdup_printf (_("“%s”; %u of %u rehearsals successful."), latest->title != NULL ? latest->title : "?", n_ok, n_run);
  t->tone = latest->outcome != LB_OUTCOME_SUCCESS || latest->data_loss || d->target == LB_TARGET_MISSED
              ? LB_REPORT_TONE_BAD
            : d->target == LB_TARGET_MET ? LB_REPORT_TONE_GOOD
                                         : LB_REPORT_TONE_WARNING;
}

static void
lag_tile (const LbProjectReport *report,
          Tile                  *t)
{
  const LbLagStats *s = &report->lag_recent;
  double threshold = report->project->lag_threshold_s;
  g_autofree char *p95 = format_seconds (s->p95);

  t->title = g_strdup (_("Replication lag p95 (last 24 h)"));
  if (!report->has_lag || s->n_samples == 0)
    {
      t->figure = g_strdup (_("No samples"));
      t->caption = g_strdup (_("No lag has been recorded for this link."));
      t->tone = LB_REPORT_TONE_WARNING;
      return;
    }
  t->figure = g_strdup (p95);
  if (isnan (threshold))
    {
      t->caption = g_strdup (_("No approved threshold."));
      t->tone = LB_REPORT_TONE_WARNING;
    }
  else
    {
      g_autofree char *longest = lb_duration_format (s->longest_breach_ms);

      t->caption = g_strdup_printf (_("Threshold %.0f s; %.1f %% of the time above; longest breach %s."),
                                    threshold, s->pct_above, longest);
      t->tone = s->p95 <= threshold ? LB_REPORT_TONE_GOOD : LB_REPORT_TONE_BAD;
    }
}

static void
cost_tile (const LbProjectReport *report,
           Tile                  *t)
{
  g_autoptr(GString) figure = g_string_new (NULL);
  g_autoptr(GString) caption = g_string_new (NULL);
  GPtrArray *currencies = report->costs != NULL ? report->costs->currencies : NULL;

  t->title = g_strdup (_("Migration cost"));
  t->tone = LB_REPORT_TONE_NONE;
  for (guint i = 0; currencies != NULL && i < currencies->len; i++)
    {
      const LbCostTotals *c = currencies->pdata[i];
      g_autofree char *total = lb_money_format (c->amounts.total, c->currency);
      g_autofree char *monthly = lb_money_format (c->amounts.monthly, c->currency);

      if (figure->len > 0)
        g_string_append (figure, "\n");
      g_string_append (figure, total);
      if (caption->len > 0)
        g_string_append (caption, "; ");
      g_string_append_printf (caption, _("run rate %s per month"), monthly);
      if (c->amounts.n_open_ended > 0)
        g_string_append_printf (caption, g_dngettext (GETTEXT_PACKAGE, " (%u open-ended item)",
                                                      " (%u open-ended items)", c->amounts.n_open_ended),
                                c->amounts.n_open_ended);
    }
  if (figure->len == 0)
    {
      t->figure = g_strdup (_("Not costed"));
      t->caption = g_strdup (_("No cost items recorded."));
      t->tone = LB_REPORT_TONE_MUTED;
      return;
    }
  g_string_append (caption, ".");
  t->figure = g_strdup (figure->str);
  t->caption = g_strdup (caption->str);
}

static void
risk_tile (const LbProjectReport *report,
           Tile                  *t)
{
  const LbRiskSummary *s = &report->risk_summary;
  guint open = s->n_risks - s->n_closed;

  t->title = g_strdup (_("Open risks"));
  if (s->n_risks == 0)
    {
      t->figure = g_strdup (_("None recorded"));
      t->caption = g_strdup (_("The risk register is empty."));
      t->tone = LB_REPORT_TONE_WARNING;
      return;
    }
  t->figure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open high", "%u open high", s->n_open_high),
                               s->n_open_high);
  t->caption = g_strdup_printf (_("%u open in total (%u critical, %u high, %u medium, %u low); %u overdue."), open,
                                s->by_band[LB_RISK_BAND_CRITICAL], s->by_band[LB_RISK_BAND_HIGH],
                                s->by_band[LB_RISK_BAND_MEDIUM], s->by_band[LB_RISK_BAND_LOW], s->n_overdue);
  t->tone = s->n_open_high > 0 ? LB_REPORT_TONE_BAD : s->by_band[LB_RISK_BAND_HIGH] > 0 ? LB_REPORT_TONE_WARNING
                                                                                        : LB_REPORT_TONE_GOOD;
}

/* The four headline tiles, two by two. */
static void
tiles (Pdf                   *pdf,
       const LbProjectReport *report)
{
  Tile t[4] = { { 0 } };
  double gap = 10, w = (pdf->x1 - pdf->x0 - gap) / 2, h1 = 0, h2 = 0;

  downtime_tile (report, &t[0]);
  lag_tile (report, &t[1]);
  cost_tile (report, &t[2]);
  risk_tile (report, &t[3]);
  tile_height (pdf, w, t[0].title, t[0].figure, t[0].caption, &h1);
  tile_height (pdf, w, t[1].title, t[1].figure, t[1].caption, &h1);
  tile_height (pdf, w, t[2].title, t[2].figure, t[2].caption, &h2);
  tile_height (pdf, w, t[3].title, t[3].figure, t[3].caption, &h2);
  ensure (pdf, h1 + gap + h2);
  for (guint i = 0; i < 4; i++)
    {
      double x = pdf->x0 + (i % 2) * (w + gap);
      double y = pdf->y + (i / 2) * (h1 + gap);

      tile (pdf, x, y, w, i < 2 ? h1 : h2, t[i].title, t[i].figure, t[i].caption, t[i].tone);
      tile_clear (&t[i]);
    }
  pdf->y += h1 + gap + h2 + 12;
}

/* The verdict in a tinted box: label, the verdict in large type, the summary. */
static void
verdict_box (Pdf                  *pdf,
             const LbGoNoGoResult *result,
             Style                 verdict_style)
{
  Rgb color = tone_rgb (lb_report_verdict_tone (result->verdict));
  Rgb bg = tint (color, 0.1);
  double w = pdf->x1 - pdf->x0 - 36;
  double h1 = text_at (pdf, _("VERDICT"), STYLE_KICKER, NULL, 0, 0, w, PANGO_ALIGN_LEFT);
  double h2 = text_at (pdf, verdict_label (result->verdict), verdict_style, NULL, 0, 0, w, PANGO_ALIGN_LEFT);
  const char *summary = result->detail;
  double h3 = text_at (pdf, summary, STYLE_BODY, NULL, 0, 0, w, PANGO_ALIGN_LEFT);
  double h = 16 + h1 + 2 + h2 + 4 + h3 + 16;
  double y;

  ensure (pdf, h);
  set_rgb (pdf, &bg);
  cairo_rectangle (pdf->cr, pdf->x0, pdf->y, pdf->x1 - pdf->x0, h);
  cairo_fill (pdf->cr);
  set_rgb (pdf, &color);
  cairo_rectangle (pdf->cr, pdf->x0, pdf->y, 5, h);
  cairo_fill (pdf->cr);
  y = pdf->y + 16;
  y += text_at (pdf, _("VERDICT"), STYLE_KICKER, &muted, pdf->x0 + 20, y, w, PANGO_ALIGN_LEFT) + 2;
  y += text_at (pdf, verdict_label (result->verdict), verdict_style, &color, pdf->x0 + 20, y, w, PANGO_ALIGN_LEFT) + 4;
  text_at (pdf, summary, STYLE_BODY, &ink, pdf->x0 + 20, y, w, PANGO_ALIGN_LEFT);
  pdf->y += h + 14;
}

static gboolean
cancelled (Pdf     *pdf,
           GError **error)
{
  return g_cancellable_set_error_if_cancelled (pdf->cancellable, error);
}

/* ---- project sections -------------------------------------------------------------------- */

static char *
cutover_text (const LbProjectReport *report)
{
  g_autofree char *when = lb_report_format_time (report->go_no_go->cutover_at);

  if (report->project->planned_cutover == LB_UNSET_INT || report->project->planned_cutover != report->go_no_go->cutover_at)
    return g_strdup_printf (_("%s (judged at this time; no planned cutover recorded)"), when);
  return g_steal_pointer (&when);
}

static void
project_cover (Pdf                   *pdf,
               const LbProjectReport *report)
{
  const LbProject *p = report->project;
  g_autofree char *route = project_route (p);
  g_autofree char *cutover = cutover_text (report);
  g_autofree char *generated = lb_report_format_time (pdf->options->generated_at);
  g_autofree char *version = g_strdup_printf ("%d", LB_GO_NO_GO_RULESET_VERSION);
  const char *pairs[16];
  guint n = 0;
  double w = pdf->x1 - pdf->x0;

  begin_page (pdf, TRUE);
  /* A band of the accent colour across the top, as a consultancy's cover would have. */
  set_rgb (pdf, &accent);
  cairo_rectangle (pdf->cr, 0, 0, pdf->page_w, 10);
  cairo_fill (pdf->cr);
  pdf->y = pdf->page_h * 0.2;
  if (pdf->options->organisation != NULL && pdf->options->organisation[0] != '\0')
    paragraph (pdf, pdf->options->organisation, STYLE_SUBTITLE, &muted, 6);
  paragraph (pdf, _("CUTOVER REPORT"), STYLE_KICKER, &accent, 8);
  paragraph (pdf, p->name, STYLE_TITLE, &ink, 8);
  paragraph (pdf, route, STYLE_SUBTITLE, &ink, 28);
  verdict_box (pdf, report->go_no_go, STYLE_VERDICT);
  space (pdf, 6);

  pairs[n++] = _("Planned cutover");
  pairs[n++] = cutover;
  if (report->wave_name != NULL)
    {
      pairs[n++] = _("Wave");
      pairs[n++] = report->wave_name;
    }
  if (p->owner != NULL)
    {
      pairs[n++] = _("Project owner");
      pairs[n++] = p->owner;
    }
  if (pdf->options->organisation != NULL && pdf->options->organisation[0] != '\0')
    {
      pairs[n++] = _("Organisation");
      pairs[n++] = pdf->options->organisation;
    }
  pairs[n++] = _("Generated");
  pairs[n++] = generated;
  pairs[n++] = _("Rule set");
  pairs[n++] = version;
  pairs[n] = NULL;
  facts (pdf, pairs, 120);

  text_at (pdf, _("Prepared with Linkbench from the project’s recorded evidence. The verdict follows the rule set in "
                  "the appendix; every figure in this report is computed from the same records."),
           STYLE_SMALL, &muted, pdf->x0, pdf->y1 - 24, w, PANGO_ALIGN_LEFT);
}

static void
approvals_lines (Pdf                   *pdf,
                 const LbProjectReport *report)
{
  guint n = 0;

  for (guint i = 0; i < report->approvals->len; i++)
    {
      const LbApproval *a = report->approvals->pdata[i];
      g_autofree char *decision = lb_report_display_field (a, &lb_approval_kind, "decision");
      g_autofree char *when = lb_report_format_time (a->decided_at);
      g_autofree char *line = NULL;
      Rgb color = tone_rgb (a->decision == LB_DECISION_APPROVED   ? LB_REPORT_TONE_GOOD
                            : a->decision == LB_DECISION_REJECTED ? LB_REPORT_TONE_BAD
                                                                  : LB_REPORT_TONE_WARNING);

      if (a->subject != LB_SUBJECT_GO_NO_GO)
        continue;
      line = g_strdup_printf (_("%s by %s%s%s%s on %s%s%s"), decision, a->approver != NULL ? a->approver : "?",
                              a->role != NULL ? " (" : "", a->role != NULL ? a->role : "", a->role != NULL ? ")" : "",
                              when, a->comment != NULL ? " — " : "", a->comment != NULL ? a->comment : "");
      list_item (pdf, "●", line, STYLE_BODY, &color);
      n++;
    }
  if (n == 0)
    paragraph (pdf, _("No go/no-go approval recorded yet."), STYLE_BODY, &muted, 4);
}

static void
top_risks_lines (Pdf                   *pdf,
                 const LbProjectReport *report,
                 guint                  max)
{
  guint n = 0;

  for (guint i = 0; i < report->risks->len && n < max; i++)
    {
      const LbRisk *r = report->risks->pdata[i];
      gint64 score = lb_risk_score (r);
      int band = lb_risk_band_for_score (score);
      g_autofree char *marker = NULL;
      g_autofree char *line = NULL;
      double rgb[3];
      Rgb color;

      if (r->status == LB_RISK_CLOSED)
        continue;
      lb_report_band_color (band, FALSE, rgb);
      color.r = rgb[0];
      color.g = rgb[1];
      color.b = rgb[2];
      marker = g_strdup_printf ("%" G_GINT64_FORMAT, score);
      line = g_strdup_printf ("%s%s%s%s", r->title != NULL ? r->title : "?", r->owner != NULL ? _(" — owner ") : "",
                              r->owner != NULL ? r->owner : "",
                              r->mitigation_accepted ? _("; mitigation accepted") : "");
      badge_item (pdf, marker, line, &color, band >= LB_RISK_BAND_HIGH);
      n++;
    }
  if (n == 0)
    paragraph (pdf, _("No open risks."), STYLE_BODY, &muted, 4);
}

static void
executive_summary (Pdf                   *pdf,
                   const LbProjectReport *report,
                   gboolean               compact)
{
  g_autoptr(GPtrArray) reasons = lb_project_report_top_reasons (report, 3);
  Rgb color = tone_rgb (lb_report_verdict_tone (report->go_no_go->verdict));
  g_autofree char *verdict_line = g_strdup_printf (_("Verdict: %s"), verdict_label (report->go_no_go->verdict));
  LbReportDowntimeData dt;

  if (!compact)
    {
      const char *summary = report->go_no_go->detail;

      heading (pdf, _("Executive summary"), 120);
      paragraph (pdf, verdict_line, STYLE_H2, &color, 4);
      paragraph (pdf, summary, STYLE_BODY, &ink, 10);
    }
  subheading (pdf, compact ? _("Why this verdict") : _("Why"), 30);
  for (guint i = 0; i < reasons->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);

      list_item (pdf, number, reasons->pdata[i], STYLE_BODY, NULL);
    }
  space (pdf, 10);
  tiles (pdf, report);

  lb_report_downtime_data_init (&dt, report);
  subheading (pdf, _("Rehearsal downtime against target"), compact ? 110 : 120);
  chart (pdf, compact ? 110 : 120, 1, lb_report_draw_downtime, &dt);
  lb_report_downtime_data_clear (&dt);
  if (compact)
    return;
  subheading (pdf, _("Top open risks"), 40);
  top_risks_lines (pdf, report, 3);
  subheading (pdf, _("Go/no-go approvals"), 30);
  approvals_lines (pdf, report);
}

static void
rehearsal_section (Pdf                   *pdf,
                   const LbProjectReport *report,
                   GPtrArray             *tables)
{
  LbReportDowntimeData dt;

  heading (pdf, _("Rehearsal outcomes"), 200);
  paragraph (pdf, _("Each bar is one rehearsal, oldest first, in the minutes of downtime it measured; the dark tick "
                    "is its target. Red bars failed or lost data, orange ones missed the target."),
             STYLE_BODY, &muted, 8);
  lb_report_downtime_data_init (&dt, report);
  chart (pdf, 170, 1, lb_report_draw_downtime, &dt);
  lb_report_downtime_data_clear (&dt);
  table (pdf, find_table (tables, "rehearsals"), _("No rehearsals recorded."));
}

static void
lag_statistics (Pdf                   *pdf,
                const LbProjectReport *report,
                GPtrArray             *tables)
{
  const LbReportTable *t = find_table (tables, "lag_statistics");
  const LbLagStats *s = &report->lag_window;

  if (t != NULL)
    {
      table (pdf, t, _("No lag samples in the window."));
      return;
    }
  if (s->n_samples == 0)
    {
      paragraph (pdf, _("No lag samples in the window."), STYLE_BODY, &muted, 6);
      return;
    }
  {
    g_autofree char *n = g_strdup_printf ("%u", s->n_samples);
    g_autofree char *p50 = format_seconds (s->p50);
    g_autofree char *p95 = format_seconds (s->p95);
    g_autofree char *p99 = format_seconds (s->p99);
    g_autofree char *max_at = lb_report_format_time (s->max_at);
    g_autofree char *max = g_strdup_printf (_("%.2f s at %s"), s->max, max_at);
    g_autofree char *above = isnan (s->threshold_s) ? g_strdup (_("no threshold"))
                                                    : g_strdup_printf (_("%.2f %% of the covered time (threshold %.0f s)"),
                                                                       s->pct_above, s->threshold_s);
    g_autofree char *longest_d = lb_duration_format (s->longest_breach_ms);
    g_autofree char *longest_at = lb_report_format_time (s->longest_breach_start);
    g_autofree char *longest = s->longest_breach_start == LB_UNSET_INT
                                 ? g_strdup (_("none"))
                                 : g_strdup_printf (_("%s from %s"), longest_d, longest_at);
    g_autofree char *gap_d = lb_duration_format (s->gap_ms);
    g_autofree char *gaps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u gap, %s", "%u gaps, %s", s->n_gaps),
                                             s->n_gaps, gap_d);
    const char *pairs[] = {
      _("Samples"), n, _("p50"), p50, _("p95"), p95, _("p99"), p99, _("Maximum"), max, _("Above threshold"), above,
      _("Longest breach"), longest, _("Recorded gaps"), gaps, NULL,
    };

    facts (pdf, pairs, 120);
  }
}

static void
lag_section (Pdf                   *pdf,
             const LbProjectReport *report,
             GPtrArray             *tables,
             gboolean               compact)
{
  g_autofree char *from = lb_report_format_time (report->lag_from);
  g_autofree char *to = lb_report_format_time (report->lag_to);
  g_autofree char *intro = NULL;

  if (!report->has_lag)
    intro = g_strdup (_("No lag samples have been recorded for this link yet."));
  else if (isnan (report->project->lag_threshold_s))
    intro = g_strdup_printf (_("From %s to %s. No approved threshold is recorded."), from, to);
  else
    intro = g_strdup_printf (_("From %s to %s, against the approved threshold of %.0f s (red line). Shaded "
                               "columns are time above the threshold or recorded gaps."),
                             from, to, report->project->lag_threshold_s);
  heading (pdf, _("Replication lag"), compact ? 200 : 260);
  paragraph (pdf, intro, STYLE_BODY, &muted, 8);
  if (!report->has_lag)
    return;
  chart (pdf, compact ? 190 : 240, 0.78, lb_report_draw_lag, report);
  if (compact)
    return;
  subheading (pdf, _("Statistics over the window"), 60);
  lag_statistics (pdf, report, tables);
}

static void
capacity_part (Pdf                   *pdf,
               const LbProjectReport *report,
               GPtrArray             *tables)
{
  subheading (pdf, _("Capacity"), 40);
  if (report->capacity_results->len == 0)
    {
      paragraph (pdf, _("No capacity test recorded."), STYLE_BODY, &muted, 6);
      return;
    }
  for (guint i = 0; i < report->capacity_results->len; i++)
    {
      const LbCapacityTest *test = report->capacity_tests->pdata[i];
      const LbCapacityResult *result = report->capacity_results->pdata[i];
      g_autofree char *when = lb_report_format_time (test->tested_at);
      g_autofree char *line = g_strdup_printf (_("Test #%" G_GINT64_FORMAT " (%s): %s"), test->id, when,
                                               result->summary);
      Rgb color = tone_rgb (result->verdict == LB_VERDICT_PASS   ? LB_REPORT_TONE_GOOD
                            : result->verdict == LB_VERDICT_FAIL ? LB_REPORT_TONE_BAD
                                                                 : LB_REPORT_TONE_WARNING);

      list_item (pdf, "●", line, STYLE_BODY, &color);
    }
  space (pdf, 4);
  table (pdf, find_table (tables, "capacity"), _("No capacity findings."));
}

static void
cost_part (Pdf                   *pdf,
           const LbProjectReport *report,
           GPtrArray             *tables)
{
  const LbReportTable *t;
  GPtrArray *currencies = report->costs != NULL ? report->costs->currencies : NULL;

  subheading (pdf, _("Cost"), 40);
  if (currencies == NULL || currencies->len == 0)
    {
      paragraph (pdf, _("No cost items recorded."), STYLE_BODY, &muted, 6);
      return;
    }
  for (guint i = 0; i < currencies->len; i++)
    {
      const LbCostTotals *c = currencies->pdata[i];
      g_autofree char *one_off = lb_money_format (c->amounts.one_off, c->currency);
      g_autofree char *monthly = lb_money_format (c->amounts.monthly, c->currency);
      g_autofree char *total = lb_money_format (c->amounts.total, c->currency);
      g_autofree char *line = g_strdup_printf (_("%s: one-off %s, run rate %s per month, total cost of the "
                                                 "migration %s."),
                                               c->currency, one_off, monthly, total);

      list_item (pdf, "●", line, STYLE_BODY, NULL);
    }
  space (pdf, 4);
  if ((t = find_table (tables, "cost_summary")) != NULL)
    table (pdf, t, _("No cost items recorded."));
  if ((t = find_table (tables, "costs")) != NULL)
    table (pdf, t, _("No cost items recorded."));
}

static void
risk_part (Pdf                   *pdf,
           const LbProjectReport *report,
           GPtrArray             *tables)
{
  const LbRiskSummary *s = &report->risk_summary;
  double map_w = 190, map_h = 160, text_x, text_w;
  g_autofree char *counts = g_strdup_printf (_("%u risks recorded, %u closed. Open by band: %u critical, %u high, "
                                               "%u medium, %u low. %u open high without an accepted mitigation; "
                                               "%u overdue."),
                                             s->n_risks, s->n_closed, s->by_band[LB_RISK_BAND_CRITICAL],
                                             s->by_band[LB_RISK_BAND_HIGH], s->by_band[LB_RISK_BAND_MEDIUM],
                                             s->by_band[LB_RISK_BAND_LOW], s->n_open_high, s->n_overdue);

  subheading (pdf, _("Risk register"), map_h);
  ensure (pdf, map_h);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, pdf->x0, pdf->y);
  if (!pdf->dry)
    lb_report_draw_heat_map (pdf->cr, map_w, map_h, &s->heat_map);
  cairo_restore (pdf->cr);
  text_x = pdf->x0 + map_w + 20;
  text_w = pdf->x1 - text_x;
  {
    double y = pdf->y + 4;

    y += text_at (pdf, _("Open risks by likelihood and impact"), STYLE_BODY_BOLD, &ink, text_x, y, text_w,
                  PANGO_ALIGN_LEFT) + 4;
    y += text_at (pdf, counts, STYLE_BODY, &ink, text_x, y, text_w, PANGO_ALIGN_LEFT) + 8;
    for (int band = LB_RISK_N_BANDS - 1; band >= 0; band--)
      {
        double rgb[3];
        g_autofree char *label = NULL;

        lb_report_band_color (band, FALSE, rgb);
        cairo_set_source_rgb (pdf->cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle (pdf->cr, text_x, y + 2, 8, 8);
        cairo_fill (pdf->cr);
        label = g_strdup_printf ("%s (%s)", _(lb_enum_info_label (&lb_risk_band_enum, band)),
                                 band == LB_RISK_BAND_CRITICAL ? "15–25"
                                 : band == LB_RISK_BAND_HIGH   ? "10–14"
                                 : band == LB_RISK_BAND_MEDIUM ? "5–9"
                                                               : "1–4");
        y += text_at (pdf, label, STYLE_SMALL, &ink, text_x + 13, y + 1, text_w - 13, PANGO_ALIGN_LEFT) + 3;
      }
  }
  pdf->y += map_h + 10;
  table (pdf, find_table (tables, "risks"), _("No risks recorded."));
}

static void
findings_section (Pdf                   *pdf,
                  const LbProjectReport *report,
                  GPtrArray             *tables)
{
  heading (pdf, _("Capacity, cost, risk and readiness"), 100);
  capacity_part (pdf, report, tables);
  cost_part (pdf, report, tables);
  risk_part (pdf, report, tables);
  subheading (pdf, _("Readiness gate"), 40);
  paragraph (pdf, report->readiness->summary, STYLE_BODY,
             report->readiness->production_ready ? &ink : &ink, 6);
  table (pdf, find_table (tables, "readiness"), _("No readiness items recorded."));
  subheading (pdf, _("Approvals"), 40);
  table (pdf, find_table (tables, "approvals"), _("No approvals recorded."));
}

static void
evidence_section (Pdf                   *pdf,
                  const LbProjectReport *report,
                  GPtrArray             *tables)
{
  heading (pdf, _("Evidence index"), 60);
  paragraph (pdf, _("The records this report rests on, with the SHA-256 of their content as stored, so a reader can "
                    "check that an attachment is the one that was judged."),
             STYLE_BODY, &muted, 8);
  table (pdf, find_table (tables, "evidence"), _("No evidence recorded."));
}

static void
rules_appendix (Pdf                   *pdf,
                const LbProjectReport *report,
                GPtrArray             *tables,
                const char            *title)
{
  const LbGoNoGoPolicy *policy = &report->go_no_go->policy;
  g_autofree char *window = lb_duration_format (policy->lag_window_ms);
  g_autofree char *breach = lb_duration_format (policy->max_breach_ms);
  g_autofree char *intro = g_strdup_printf (_("Rule set version %d. Policy: %u successful rehearsals required; lag "
                                              "window %s; longest allowed breach %s; certificate valid %u days past "
                                              "the cutover. NO-GO when any rule fails; NOT ENOUGH EVIDENCE when none "
                                              "fails but some lack evidence; otherwise GO."),
                                            LB_GO_NO_GO_RULESET_VERSION, policy->rehearsals_required, window, breach,
                                            policy->cert_horizon_days);

  heading (pdf, title, 80);
  paragraph (pdf, intro, STYLE_BODY, &muted, 8);
  table (pdf, find_table (tables, "rules"), NULL);
}

static gboolean
write_project (Pdf                   *pdf,
               const LbProjectReport *report,
               GError               **error)
{
  g_autoptr(GPtrArray) tables = lb_report_tables_for_project (report);
  const LbReportTable *steps;

  project_cover (pdf, report);
  new_page (pdf);
  executive_summary (pdf, report, FALSE);
  if (cancelled (pdf, error))
    return FALSE;
  new_page (pdf);
  rehearsal_section (pdf, report, tables);
  new_page (pdf);
  lag_section (pdf, report, tables, FALSE);
  if (cancelled (pdf, error))
    return FALSE;
  new_page (pdf);
  findings_section (pdf, report, tables);
  if (cancelled (pdf, error))
    return FALSE;
  new_page (pdf);
  evidence_section (pdf, report, tables);
  new_page (pdf);
  rules_appendix (pdf, report, tables, _("Appendix A — Go/no-go rules"));
  if ((steps = find_table (tables, "rehearsal_steps")) != NULL)
    {
      new_page (pdf);
      heading (pdf, _("Appendix B — Rehearsal steps"), 60);
      table (pdf, steps, _("No rehearsal steps recorded."));
    }
  end_page (pdf);
  return !cancelled (pdf, error);
}

/* ---- portfolio --------------------------------------------------------------------------- */

/* GO / NO-GO / NOT ENOUGH EVIDENCE counts in three tiles, for wave @wave_id or @all. */
static void
verdict_tiles (Pdf                     *pdf,
               const LbPortfolioReport *portfolio,
               gint64                   wave_id,
               gboolean                 all)
{
  guint counts[3] = { 0 };
  double w = pdf->x1 - pdf->x0, gap = 10, tw = (w - 2 * gap) / 3, th = 0;

  for (guint i = 0; i < portfolio->projects->len; i++)
    {
      const LbProjectReport *r = portfolio->projects->pdata[i];

      if (all || r->project->wave_id == wave_id)
        counts[CLAMP ((int) r->go_no_go->verdict, 0, 2)]++;
    }
  for (int v = 0; v < 3; v++)
    {
      g_autofree char *figure = g_strdup_printf ("%u", counts[v]);

      tile_height (pdf, tw, verdict_label (v), figure, _("projects"), &th);
    }
  ensure (pdf, th);
  for (int v = 0; v < 3; v++)
    {
      g_autofree char *figure = g_strdup_printf ("%u", counts[v]);

      tile (pdf, pdf->x0 + v * (tw + gap), pdf->y, tw, th, verdict_label (v), figure,
            g_dngettext (GETTEXT_PACKAGE, "project", "projects", counts[v]), lb_report_verdict_tone (v));
    }
  pdf->y += th + 12;
}

static void
portfolio_cover (Pdf                     *pdf,
                 const LbPortfolioReport *portfolio)
{
  g_autofree char *generated = lb_report_format_time (pdf->options->generated_at);
  g_autofree char *n_projects = g_strdup_printf ("%u", portfolio->projects->len);
  g_autofree char *n_waves = g_strdup_printf ("%u", portfolio->waves->len);
  const char *org = pdf->options->organisation;
  double w = pdf->x1 - pdf->x0;

  begin_page (pdf, TRUE);
  set_rgb (pdf, &accent);
  cairo_rectangle (pdf->cr, 0, 0, pdf->page_w, 10);
  cairo_fill (pdf->cr);
  pdf->y = pdf->page_h * 0.2;
  if (org != NULL && org[0] != '\0')
    paragraph (pdf, org, STYLE_SUBTITLE, &muted, 6);
  paragraph (pdf, _("CUTOVER REPORT"), STYLE_KICKER, &accent, 8);
  paragraph (pdf, _("Migration portfolio"), STYLE_TITLE, &ink, 8);
  {
    g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects",
                                                         portfolio->projects->len),
                                            portfolio->projects->len);
    g_autofree char *sub2 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u wave", "%s in %u waves",
                                                          portfolio->waves->len),
                                             sub, portfolio->waves->len);

    paragraph (pdf, sub2, STYLE_SUBTITLE, &ink, 28);
  }
  verdict_tiles (pdf, portfolio, 0, TRUE);
  space (pdf, 12);
  {
    const char *pairs[] = { _("Projects"), n_projects, _("Waves"), n_waves, _("Generated"), generated, NULL };

    facts (pdf, pairs, 120);
  }
  text_at (pdf, _("Prepared with Linkbench from each project’s recorded evidence. Every project is judged by the same "
                  "rule set, printed in the appendix of its section."),
           STYLE_SMALL, &muted, pdf->x0, pdf->y1 - 24, w, PANGO_ALIGN_LEFT);
}

static void
wave_page (Pdf                     *pdf,
           const LbPortfolioReport *portfolio,
           const LbWave            *wave)
{
  g_autofree char *title = g_strdup_printf (_("Wave: %s"), wave->name);
  g_autofree char *from = format_date (wave->window_start);
  g_autofree char *to = format_date (wave->window_end);
  g_autofree char *window = g_strdup_printf (_("Window: %s to %s"), from, to);
  g_autoptr(LbReportTable) t = lb_report_projects_table (portfolio, wave->id, FALSE);

  new_page (pdf);
  heading (pdf, title, 80);
  paragraph (pdf, window, STYLE_BODY_BOLD, &ink, 4);
  if (wave->notes != NULL)
    paragraph (pdf, wave->notes, STYLE_BODY, &muted, 8);
  space (pdf, 6);
  verdict_tiles (pdf, portfolio, wave->id, FALSE);
  table (pdf, t, _("No projects in this wave."));
}

static gboolean
write_portfolio (Pdf                     *pdf,
                 const LbPortfolioReport *portfolio,
                 GError                 **error)
{
  g_autoptr(GPtrArray) tables = lb_report_tables_for_portfolio (portfolio);
  const LbReportTable *projects = find_table (tables, "projects");
  g_autoptr(LbReportTable) built = NULL;
  const char *org = pdf->options->organisation;

  portfolio_cover (pdf, portfolio);
  new_page (pdf);
  heading (pdf, _("Portfolio summary"), 80);
  paragraph (pdf, _("Every project at its planned cutover, judged by the go/no-go rules. Lag is the p95 over the last "
                    "24 hours of samples; cost is the total cost of the migration in each currency."),
             STYLE_BODY, &muted, 8);
  if (projects == NULL)
    projects = built = lb_report_projects_table (portfolio, 0, TRUE);
  table (pdf, projects, _("No projects recorded."));
  if (cancelled (pdf, error))
    return FALSE;

  for (guint i = 0; i < portfolio->waves->len; i++)
    wave_page (pdf, portfolio, portfolio->waves->pdata[i]);

  for (guint i = 0; i < portfolio->projects->len; i++)
    {
      const LbProjectReport *report = portfolio->projects->pdata[i];
      g_autoptr(GPtrArray) project_tables = lb_report_tables_for_project (report);
      g_autofree char *route = project_route (report->project);

      if (cancelled (pdf, error))
        return FALSE;
      g_free (pdf->header_left);
      pdf->header_left = org != NULL && org[0] != '\0' ? g_strdup_printf ("%s · %s", org, report->project->name)
                                                       : g_strdup (report->project->name);
      new_page (pdf);
      paragraph (pdf, report->wave_name != NULL ? report->wave_name : _("No wave"), STYLE_KICKER, &accent, 4);
      paragraph (pdf, report->project->name, STYLE_H1, &ink, 2);
      paragraph (pdf, route, STYLE_BODY, &muted, 12);
      verdict_box (pdf, report->go_no_go, STYLE_H1);
      executive_summary (pdf, report, TRUE);
      new_page (pdf);
      lag_section (pdf, report, project_tables, TRUE);
      {
        g_autofree char *rules_title = g_strdup_printf (_("Go/no-go rules — %s"), report->project->name);

        rules_appendix (pdf, report, project_tables, rules_title);
      }
      subheading (pdf, _("Rehearsals"), 60);
      table (pdf, find_table (project_tables, "rehearsals"), _("No rehearsals recorded."));
    }
  end_page (pdf);
  return !cancelled (pdf, error);
}

/* ---- the document ------------------------------------------------------------------------ */

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
pdf_clear (Pdf *pdf)
{
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&pdf->fonts[i], pango_font_description_free);
  g_clear_pointer (&pdf->layouts, g_hash_table_unref);
  g_clear_object (&pdf->context);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_clear_pointer (&pdf->dry_cr, cairo_destroy);
  g_clear_pointer (&pdf->first_header, g_free);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  g_clear_pointer (&pdf->header_left, g_free);
  g_clear_pointer (&pdf->footer_left, g_free);
}

gboolean
lb_report_write_pdf (const LbProjectReport   *project,
                     const LbPortfolioReport *portfolio,
                     const LbReportOptions   *options,
                     const char              *path,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *created = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_font_options_t *font_options;
  const char *org;
  const char *author;
  Pdf pdf = { 0 };
  FILE *file;
  gboolean ok;
  cairo_status_t status;
  int saved_errno;

  g_return_val_if_fail ((project != NULL) != (portfolio != NULL), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  tmp = g_strconcat (path, ".part", NULL);
  file = g_fopen (tmp, "wb");
  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  pdf.options = options;
  pdf.cancellable = cancellable;
  if (options->paper == LB_PAPER_LETTER)
    {
      pdf.page_w = 612;
      pdf.page_h = 792;
    }
  else
    {
      pdf.page_w = 595.276;
      pdf.page_h = 841.89;
    }
  pdf.x0 = 56;
  pdf.x1 = pdf.page_w - 56;
  pdf.y0 = 70;
  pdf.y1 = pdf.page_h - 56;
  pdf.surface = cairo_pdf_surface_create_for_stream (write_to_file, file, pdf.page_w, pdf.page_h);
  pdf.cr = cairo_create (pdf.surface);
  pdf.context = pango_cairo_create_context (pdf.cr);
  pango_cairo_context_set_resolution (pdf.context, 72);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf.context, font_options);
  cairo_font_options_destroy (font_options);
  pdf.layouts = g_hash_table_new_full (layout_key_hash, layout_key_equal, layout_key_free, g_object_unref);
  for (guint i = 0; i < N_STYLES; i++)
    {
      pdf.fonts[i] = pango_font_description_from_string (styles[i].family);
      pango_font_description_set_size (pdf.fonts[i], (int) (styles[i].size * PANGO_SCALE));
      pango_font_description_set_weight (pdf.fonts[i], styles[i].weight);
    }

  org = options->organisation != NULL && options->organisation[0] != '\0' ? options->organisation : NULL;
  if (project != NULL)
    {
      title = g_strdup_printf (_("Cutover report — %s"), project->project->name);
      subject = g_strdup_printf (_("Go/no-go verdict for %s: %s"), project->project->name,
                                 verdict_label (project->go_no_go->verdict));
      pdf.header_left = org != NULL ? g_strdup_printf ("%s · %s", org, project->project->name)
                                    : g_strdup (project->project->name);
    }
  else
    {
      title = org != NULL ? g_strdup_printf (_("Cutover report — %s portfolio"), org)
                          : g_strdup (_("Cutover report — migration portfolio"));
      subject = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Go/no-go verdicts for %u project",
                                              "Go/no-go verdicts for %u projects", portfolio->projects->len),
                                 portfolio->projects->len);
      pdf.header_left = org != NULL ? g_strdup_printf ("%s · %s", org, _("Migration portfolio"))
                                    : g_strdup (_("Migration portfolio"));
    }
  generated = lb_report_format_time (options->generated_at);
  pdf.footer_left = g_strdup_printf (_("Generated %s with Linkbench"), generated);
  author = options->author != NULL ? options->author : g_get_real_name ();
  if (author == NULL || author[0] == '\0' || g_str_equal (author, "Unknown"))
    author = g_get_user_name ();
  created = lb_time_format_iso_utc (options->generated_at);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, "Linkbench");
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  pdf.first_header = g_strdup (pdf.header_left);
  {
    cairo_surface_t *dry_surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);

    pdf.dry_cr = cairo_create (dry_surface);
    cairo_surface_destroy (dry_surface);
    cairo_rectangle (pdf.dry_cr, 0, 0, 0, 0);
    cairo_clip (pdf.dry_cr);
  }
  pdf.pdf_cr = pdf.cr;
  ok = TRUE;
  for (int pass = 0; pass < 2 && ok; pass++)
    {
      pdf.dry = pass == 0;
      pdf.cr = pdf.dry ? pdf.dry_cr : pdf.pdf_cr;
      pdf.page = 0;
      pdf.page_open = FALSE;
      g_free (pdf.header_left);
      pdf.header_left = g_strdup (pdf.first_header);
      if (project != NULL)
        ok = write_project (&pdf, project, &local_error);
      else
        ok = write_portfolio (&pdf, portfolio, &local_error);
      pdf.n_pages = pdf.page;
    }
  pdf.cr = pdf.pdf_cr;

  cairo_surface_finish (pdf.surface);
  status = cairo_surface_status (pdf.surface);
  pdf_clear (&pdf);
  saved_errno = 0;
  if (fclose (file) != 0)
    saved_errno = errno;

  if (ok && (status != CAIRO_STATUS_SUCCESS || saved_errno != 0))
    {
      g_set_error (&local_error, LB_ERROR, LB_ERROR_IO, _("Could not write “%s”: %s"), path,
                   saved_errno != 0 ? g_strerror (saved_errno) : cairo_status_to_string (status));
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"),
                   path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
