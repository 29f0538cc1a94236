/* lb-azure-token.h: an ARM access token from the Azure CLI (`az account get-access-token`),
 * kept in memory only. The token string is never logged nor put in an error message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The ARM endpoint of the public cloud, also the token's resource. */
#define LB_ARM_DEFAULT_BASE_URL "https://management.azure.com"

typedef struct
{
  char   *access_token; /* secret: never log it */
  char   *token_type;   /* "Bearer" */
  gint64  expires_at;   /* UTC ms */
} LbAzureToken;

/* Reads the JSON that `az account get-access-token -o json` prints: accessToken,
 * expires_on (POSIX seconds, preferred), tokenType. With only the ambiguous local-time
 * expiresOn (older CLIs) the token is taken to expire 5 minutes after @now (UTC ms).
 * NULL with LB_ERROR_FAILED when it is not such a document; the message never quotes it. */
LbAzureToken *lb_azure_token_parse    (const char          *data,
                                       gsize                length,
                                       gint64               now,
                                       GError             **error);
/* Runs `az account get-access-token --resource @resource -o json [--tenant @tenant_id]`,
 * az found on PATH, without a shell. The errors say what to do: az not installed
 * (LB_ERROR_NOT_FOUND), az failed (its first line on stderr, e.g. "Please run 'az
 * login'"), malformed output. Blocking. */
LbAzureToken *lb_azure_token_from_cli (const char          *resource,
                                       const char          *tenant_id,
                                       gint64               now,
                                       GCancellable        *cancellable,
                                       GError             **error);
LbAzureToken *lb_azure_token_copy     (const LbAzureToken  *token);
/* TRUE when the token expires within @margin_ms of @now. */
gboolean      lb_azure_token_expires_within (const LbAzureToken *token,
                                             gint64              now,
                                             gint64              margin_ms);
/* "Authorization: Bearer …" for lb_http_get_json_pages(); free with
 * lb_azure_token_free_header(), which wipes it. */
char         *lb_azure_token_header   (const LbAzureToken  *token);
void          lb_azure_token_free_header (char             *header);
/* Wipes the token string before freeing it. */
void          lb_azure_token_free     (LbAzureToken        *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbAzureToken, lb_azure_token_free)

G_END_DECLS
