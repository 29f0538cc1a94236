/* lb-chart-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lb-chart-text.h"

static const cairo_user_data_key_t layout_key;

typedef struct
{
  PangoLayout   *layout;
  cairo_matrix_t matrix; /* the transformation the layout was last set up for */
} ChartText;

static void
chart_text_free (gpointer data)
{
  ChartText *text = data;

  g_object_unref (text->layout);
  g_free (text);
}

PangoLayout *
lb_chart_text_layout (cairo_t    *cr,
                      const char *text,
                      gboolean    bold,
                      double      size)
{
  ChartText *cached = cairo_get_user_data (cr, &layout_key);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, Sans");
  cairo_matrix_t matrix;
  PangoLayout *layout;

  cairo_get_matrix (cr, &matrix);
  if (cached == NULL)
    {
      cached = g_new0 (ChartText, 1);
      cached->layout = pango_cairo_create_layout (cr);
      cached->matrix = matrix;
      cairo_set_user_data (cr, &layout_key, cached, chart_text_free);
    }
  else if (memcmp (&cached->matrix, &matrix, sizeof matrix) != 0)
    {
      /* A scaled or moved figure (the PDF's): updating on every label would cost the lag
       * chart a millisecond a frame. */
      pango_cairo_update_layout (cr, cached->layout);
      cached->matrix = matrix;
    }
  layout = cached->layout;
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return g_object_ref (layout);
}
