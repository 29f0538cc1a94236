/* lb-sql-connection.h: one connection to SQL Server or a managed instance through ODBC
 * (FreeTDS's driver by default).
 *
 * The calls block, so they belong on the connection's own worker thread; a cancellable
 * cancelled from any thread interrupts a running query (SQLCancel, which sends an
 * ATTENTION) and the connection stays usable. Failures carry messages a DBA understands,
 * with the server's own message and number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lb-sql-result.h"
#include "../model/lb-records.h"

G_BEGIN_DECLS

#define LB_SQL_ERROR (lb_sql_error_quark ())

typedef enum
{
  LB_SQL_ERROR_FAILED,
  LB_SQL_ERROR_LOGIN_FAILED,    /* 18456: wrong login or password */
  LB_SQL_ERROR_UNREACHABLE,     /* refused, no route, name does not resolve */
  LB_SQL_ERROR_TIMEOUT,         /* no answer within the login or query timeout */
  LB_SQL_ERROR_TLS,             /* encryption required but not offered, or the handshake failed */
  LB_SQL_ERROR_CONNECTION_LOST, /* the server went away while answering */
  LB_SQL_ERROR_PERMISSION,      /* the login lacks a permission (VIEW SERVER STATE …) */
  LB_SQL_ERROR_SERVER,          /* any other error the server reported */
  LB_SQL_ERROR_DRIVER,          /* the ODBC driver could not be loaded */
  LB_SQL_ERROR_UNSUPPORTED,     /* a profile setting this version cannot connect with */
} LbSqlErrorCode;

GQuark lb_sql_error_quark (void);

#define LB_TYPE_SQL_CONNECTION (lb_sql_connection_get_type ())
G_DECLARE_FINAL_TYPE (LbSqlConnection, lb_sql_connection, LB, SQL_CONNECTION, GObject)

/* Copies what it needs of @profile; @password (may be NULL) is wiped when the connection
 * is finalized. */
LbSqlConnection *lb_sql_connection_new        (const LbConnectionProfile *profile,
                                               const char                *password);
/* A connection with the password the keyring keeps for @profile's server and login (none
 * for other kinds of authentication). Blocking: for worker threads. */
LbSqlConnection *lb_sql_connection_new_from_keyring (const LbConnectionProfile *profile,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);
const char      *lb_sql_connection_get_label  (LbSqlConnection           *self);
gboolean         lb_sql_connection_is_open    (LbSqlConnection           *self);
/* Logs in (waits at most the profile's login timeout). */
gboolean         lb_sql_connection_open       (LbSqlConnection           *self,
                                               GCancellable              *cancellable,
                                               GError                   **error);
/* Runs @sql with @params (NULL-terminated, bound as NVARCHAR to the '?' markers, never
 * pasted into the text) and returns every result set. A lost connection closes @self
 * (lb_sql_connection_is_open() turns FALSE) so that the caller can reconnect. */
LbSqlResult     *lb_sql_connection_query      (LbSqlConnection           *self,
                                               const char                *sql,
                                               const char *const         *params,
                                               GCancellable              *cancellable,
                                               GError                   **error);
void             lb_sql_connection_close      (LbSqlConnection           *self);
/* Asks the server who it is: "SQL01 (16.0.4125.3, Enterprise Edition)". */
char            *lb_sql_connection_describe_server (LbSqlConnection      *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

/* "Test connection": on a worker thread, looks the profile's password up in the keyring,
 * logs in and describes the server. */
void             lb_sql_profile_test_async    (const LbConnectionProfile *profile,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
char            *lb_sql_profile_test_finish   (GAsyncResult              *result,
                                               GError                   **error);

G_END_DECLS
