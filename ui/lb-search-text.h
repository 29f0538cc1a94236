/* lb-search-text.h: the search every list of projects shares — every word typed must be
 * found, in any case, somewhere in what the row shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The casefolded text to search, from @parts (NULL entries are skipped). */
char     *lb_search_text_new     (const char *const *parts,
                                  guint              n_parts);
/* Every word of @query is in @search_text; NULL or empty @query matches. */
gboolean  lb_search_text_matches (const char        *search_text,
                                  const char        *query);

G_END_DECLS
