/* lb-evidence-content.h: reading what becomes evidence — files and streams — with the
 * size limit for content kept in the database. Blocking: call from a worker thread in a GUI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Evidence lives inside the database; larger files belong in a document store. */
#define LB_EVIDENCE_MAX_BYTES (50 * 1024 * 1024)

/* Reads at most LB_EVIDENCE_MAX_BYTES from @stream; @name names it in errors. */
GBytes  *lb_evidence_read_stream (GInputStream  *stream,
                                  const char    *name,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* Reads @file, refusing folders and files over the limit before reading them. Sets the
 * display name (for a title) and the MIME type guessed from name and content. */
GBytes  *lb_evidence_read_file   (GFile         *file,
                                  char         **display_name,
                                  char         **media_type,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
