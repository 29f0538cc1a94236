/* lb-http-private.h: what the HTTP client's files share, not for its callers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-http.h"

G_BEGIN_DECLS

/* The port of @uri, the scheme's default when it names none. */
int         _lb_http_uri_port      (GUri       *uri);
/* Same scheme, host and port: where a link may take the request's bearer token. */
gboolean    _lb_http_same_origin   (GUri       *a,
                                    GUri       *b);
/* "host:port" of @url, for messages: never the whole URL, whose query may hold a SAS
 * signature or other secret. */
char       *_lb_http_url_host_port (const char *url);
/* The string member @name, or NULL when it is missing or anything but a string: the
 * server decides what the members hold. */
const char *_lb_http_string_member (JsonObject *object,
                                    const char *name);

G_END_DECLS
