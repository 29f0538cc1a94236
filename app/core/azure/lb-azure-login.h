/* lb-azure-login.h: ARM tokens from Microsoft Entra ID without a browser SDK
 * (engineering.md §4.2): a service principal's client credentials (its secret in the
 * keyring), and the device-code flow for a person, whose code and address the caller shows.
 * Tokens stay in memory; the caller renews them before they expire.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-azure-token.h"
#include "../net/lb-http.h"

G_BEGIN_DECLS

#define LB_AZURE_LOGIN_DEFAULT_URL "https://login.microsoftonline.com"
#define LB_ARM_SCOPE "https://management.azure.com/.default"

#define LB_AZURE_LOGIN_ERROR (lb_azure_login_error_quark ())

typedef enum
{
  LB_AZURE_LOGIN_ERROR_FAILED,
  LB_AZURE_LOGIN_ERROR_CREDENTIALS, /* wrong or expired secret, unknown client or tenant */
  LB_AZURE_LOGIN_ERROR_DECLINED,    /* the person said no */
  LB_AZURE_LOGIN_ERROR_EXPIRED,     /* the device code ran out before anyone signed in */
  LB_AZURE_LOGIN_ERROR_PROTOCOL,    /* an answer that is not what the endpoint sends */
} LbAzureLoginError;

GQuark lb_azure_login_error_quark (void);

/* Client credentials: POST {login}/{tenant}/oauth2/v2.0/token. */
LbAzureToken *lb_azure_login_client_secret (LbHttpClient  *client,
                                            const char    *login_url,
                                            const char    *tenant,
                                            const char    *client_id,
                                            const char    *secret,
                                            gint64         now,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* The same with the secret kept in the keyring for @tenant and @client_id. */
LbAzureToken *lb_azure_login_service_principal (LbHttpClient  *client,
                                                const char    *login_url,
                                                const char    *tenant,
                                                const char    *client_id,
                                                gint64         now,
                                                GCancellable  *cancellable,
                                                GError       **error);
gboolean      lb_azure_login_save_secret   (const char    *tenant,
                                            const char    *client_id,
                                            const char    *secret,
                                            GCancellable  *cancellable,
                                            GError       **error);

typedef struct
{
  char  *device_code;      /* secret between us and the endpoint */
  char  *user_code;        /* what the person types */
  char  *verification_uri; /* where */
  char  *message;          /* the endpoint's own sentence, for people */
  gint64 expires_at;       /* UTC ms */
  gint64 interval_ms;      /* how often to ask */
} LbDeviceCode;

void          lb_device_code_free          (LbDeviceCode  *code);
LbDeviceCode *lb_azure_login_device_code   (LbHttpClient  *client,
                                            const char    *login_url,
                                            const char    *tenant,
                                            const char    *client_id,
                                            gint64         now,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* Asks every interval (slower when told to slow down) until someone signed in with the
 * code, declined, the code expired, or @cancellable is cancelled. */
LbAzureToken *lb_azure_login_device_wait   (LbHttpClient       *client,
                                            const char         *login_url,
                                            const char         *tenant,
                                            const char         *client_id,
                                            const LbDeviceCode *code,
                                            GCancellable       *cancellable,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDeviceCode, lb_device_code_free)

G_END_DECLS
