/* lb-freetds-conf.h: the FreeTDS configuration file this process writes for itself.
 *
 * One file per process in the user's runtime directory (mode 0600), holding a section for
 * every profile connected so far; FREETDSCONF points FreeTDS at it. The file is replaced
 * atomically, and sections are only added or updated, so a connection being opened on
 * another thread always finds its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"

G_BEGIN_DECLS

/* Points FREETDSCONF at this process's file. Call it from main() before any thread starts:
 * setting an environment variable is not thread-safe. (The first lb_freetds_conf_add()
 * does it otherwise, on whatever thread that is.) */
void        lb_freetds_conf_init     (void);
/* Puts @profile's section into the file (writing it if it changed). */
gboolean    lb_freetds_conf_add      (const LbConnectionProfile *profile,
                                      GError                   **error);
/* The file's path (NULL before the first lb_freetds_conf_add()). */
const char *lb_freetds_conf_get_path (void);

G_END_DECLS
