/* core-test-tds.h: runs tests/fixtures/tds-server.py, a scripted fake SQL Server (TDS 7.4 on
 * 127.0.0.1, an ephemeral port) that the real FreeTDS ODBC driver talks to, and reads back
 * the events it logs (connect, login, batch, rpc, attention, disconnect, tls_refused).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _CoreTestTds CoreTestTds;

/* Starts the fixture (path from the LB_TDS_SERVER environment variable) with @script_json
 * written to a temporary file; waits for its "port N" line. Logs to a temporary file. */
CoreTestTds *core_test_tds_start        (const char   *script_json,
                                         GError      **error);
guint16      core_test_tds_get_port     (CoreTestTds  *self);
/* The log lines parsed so far, as a JsonArray of the event objects (caller unrefs); waits
 * nothing. */
JsonArray   *core_test_tds_get_events   (CoreTestTds  *self);
/* How many events of @event ("login", "batch", "rpc", "attention", "connect", ...) were
 * logged so far. */
guint        core_test_tds_count_events (CoreTestTds  *self,
                                         const char   *event);
/* Path of the raw log file (tests scan it for secrets). */
const char  *core_test_tds_get_log_path (CoreTestTds  *self);
/* Closes the fixture's stdin, waits for it to exit (kills it after 5 s), deletes the temp
 * files. NULL-safe. */
void         core_test_tds_stop         (CoreTestTds  *self);

/* Additions to the interface above. */

/* Waits up to @timeout_ms for at least @count events of @event; returns whether they came.
 * For a test that must act once the fixture has seen something (a cancel after the query
 * reached the server), not for pass/fail on timing. */
gboolean     core_test_tds_wait_events  (CoreTestTds  *self,
                                         const char   *event,
                                         guint         count,
                                         guint         timeout_ms);
/* The fixture's process id (as a string, g_subprocess_get_identifier), for the tests that
 * check it is gone; NULL once it has exited. */
const char  *core_test_tds_get_pid      (CoreTestTds  *self);
/* Like core_test_tds_stop(), and returns TRUE only if the fixture exited by itself with
 * status 0 after its stdin closed (it did not have to be killed). */
gboolean     core_test_tds_stop_clean   (CoreTestTds  *self);

/* For the tests of the product's SQL Server code. */

/* Points XDG_RUNTIME_DIR, where the FreeTDS configuration file goes, at a fresh folder
 * (call before anything connects); returns the folder. */
char        *core_test_tds_runtime_new  (void);
/* Removes the configuration file, its folder and @dir. */
void         core_test_tds_runtime_free (char         *dir);
/* A connection profile for the fixture: 127.0.0.1, its port, login "linkbench",
 * encryption only if offered (the fixture speaks no TLS), 2 s login and 5 s query
 * timeouts. Free with lb_record_free(). */
gpointer     core_test_tds_profile_new  (CoreTestTds  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoreTestTds, core_test_tds_stop)

G_END_DECLS
