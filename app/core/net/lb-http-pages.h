/* lb-http-pages.h: paged JSON lists — ARM's "nextLink", the retail prices API's
 * "NextPageLink" — read into one array.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lb-http.h"

G_BEGIN_DECLS

/* GETs @url and follows "nextLink" (ARM) or "NextPageLink" (retail prices) until there is
 * none, collecting the items of "value" or "Items" of every page into one array. @headers
 * is a NULL-terminated list of "Name: value" lines sent with every page. A next link must
 * stay on the scheme, host and port of @url (the headers usually carry a bearer token), may
 * not repeat, and there are at most 1000 pages. Blocking. */
JsonArray *lb_http_get_json_pages        (LbHttpClient        *client,
                                          const char          *url,
                                          const char * const  *headers,
                                          GCancellable        *cancellable,
                                          GError             **error);
void       lb_http_get_json_pages_async  (LbHttpClient        *client,
                                          const char          *url,
                                          const char * const  *headers,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
JsonArray *lb_http_get_json_pages_finish (LbHttpClient        *client,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
