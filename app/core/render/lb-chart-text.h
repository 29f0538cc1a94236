/* lb-chart-text.h: the labels of every chart — one Pango layout per cairo_t, reused for all
 * the labels of a frame, because creating a Pango context per label would cost more than
 * drawing the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* (transfer full): the layout of @cr set to @text in Cantarell at @size (absolute, in
 * device units), on one line. */
PangoLayout *lb_chart_text_layout (cairo_t    *cr,
                                   const char *text,
                                   gboolean    bold,
                                   double      size);

G_END_DECLS
