/* lb-wave-dialog.h: the migration waves in plan order — create, rename (and edit the
 * planned window), move earlier or later, delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lb-core.h"
#include "lb-list-dialog.h"

G_BEGIN_DECLS

#define LB_TYPE_WAVE_DIALOG (lb_wave_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbWaveDialog, lb_wave_dialog, LB, WAVE_DIALOG, LbListDialog)

LbWaveDialog *lb_wave_dialog_new          (GtkWindow    *parent,
                                           LbStore      *store);
/* The row of each wave, in plan order (for tests). */
GtkWidget    *lb_wave_dialog_get_row      (LbWaveDialog *self,
                                           gint64        wave_id);
guint         lb_wave_dialog_get_n_waves  (LbWaveDialog *self);

G_END_DECLS
