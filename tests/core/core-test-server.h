/* core-test-server.h: a libsoup HTTP server on 127.0.0.1 (an ephemeral port) running in a
 * thread of its own, for the tests of the HTTP client and of what is built on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _CoreTestServer CoreTestServer;

/* Serves every path with @handler (called in the server thread). @on_stop, if given, runs
 * in the server thread before it disconnects (to let go of paused messages). */
CoreTestServer *core_test_server_start     (SoupServerCallback  handler,
                                            GFunc               on_stop,
                                            gpointer            user_data);
void            core_test_server_stop      (CoreTestServer     *self);
/* "http://127.0.0.1:PORT" */
const char     *core_test_server_get_base  (CoreTestServer     *self);
guint           core_test_server_get_port  (CoreTestServer     *self);
/* Counts a request to @path (the handler calls it) and returns the count so far. */
guint           core_test_server_hit       (CoreTestServer     *self,
                                            const char         *path);
guint           core_test_server_hits      (CoreTestServer     *self,
                                            const char         *path);
/* Forgets the count of @path, or of every path when NULL. */
void            core_test_server_forget    (CoreTestServer     *self,
                                            const char         *path);
/* Answers @msg with @status and the JSON @body. */
void            core_test_server_reply     (SoupServerMessage  *msg,
                                            guint               status,
                                            const char         *body);

/* A plain TCP server on 127.0.0.1 that answers its one connection — a TLS ClientHello
 * included — with an HTTP 400 and closes (libsoup would wait for a request line that never
 * comes): how a client meets a server that refuses TLS. Returns its port; join @thread. */
guint16         core_test_plain_server_start (GThread           **thread);

G_END_DECLS
