/* lb-chart-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-chart-text.h"

static const cairo_user_data_key_t layout_key;

PangoLayout *
lb_chart_text_layout (cairo_t    *cr,
                      const char *text,
                      gboolean    bold,
                      double      size)
{
  PangoLayout *layout = cairo_get_user_data (cr, &layout_key);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans, Sans");

  if (layout == NULL)
    {
      layout = pango_cairo_create_layout (cr);
      cairo_set_user_data (cr, &layout_key, layout, g_object_unref);
    }
  else
    /* The transformation may have changed since the last label (a scaled PDF figure). */
    pango_cairo_update_layout (cr, layout);
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
