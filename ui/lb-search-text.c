/* lb-search-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lb-search-text.h"

char *
lb_search_text_new (const char *const *parts,
                    guint              n_parts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    if (parts[i] != NULL)
      g_string_append_printf (text, "%s\n", parts[i]);
  return g_utf8_casefold (text->str, -1);
}

gboolean
lb_search_text_matches (const char *search_text,
                        const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (search_text != NULL, FALSE);

  if (query == NULL || *query == '\0')
    return TRUE;
  folded = g_utf8_casefold (query, -1);
  words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (search_text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}
