/* lb-http-operation.h: ARM's long-running operations. An answer 201 or 202 names where to
 * watch the operation — Azure-AsyncOperation (preferred) or Location — and this follows it,
 * at the pace Retry-After asks for, until it succeeds, fails or is cancelled (a failover
 * needs this).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-http.h"

G_BEGIN_DECLS

/* Follows the operation @accepted (the answer to @request_url) started; @headers (the
 * bearer token) go with every poll, never to another server. Returns the final JSON: the
 * operation's status object ("status": "Succeeded"), or the Location's final answer ({}
 * when it has no body). A failed or cancelled operation is an error with Azure's code and
 * message. @interval_ms: the pace when the server names none. Blocking. */
JsonNode *lb_http_follow_operation (LbHttpClient          *client,
                                    const char            *request_url,
                                    const LbHttpResponse  *accepted,
                                    const char * const    *headers,
                                    guint                  interval_ms,
                                    GCancellable          *cancellable,
                                    GError               **error);

G_END_DECLS
