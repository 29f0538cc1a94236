/* lb-sql-profile.h: what a connection profile becomes on the wire — the FreeTDS
 * configuration section and the ODBC connection string — for FreeTDS's driver and for
 * Microsoft's ODBC Driver 17/18, whose keywords differ.
 *
 * The profile's text fields were checked by its record kind (no ';', '=', brackets, braces
 * or line breaks); the password is the only free text and is quoted with braces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../model/lb-records.h"

G_BEGIN_DECLS

typedef enum
{
  LB_ODBC_DRIVER_FREETDS,
  LB_ODBC_DRIVER_MICROSOFT,
} LbOdbcDriverKind;

/* The driver to load: the profile's (a path or a registered name), or FreeTDS's when it
 * names none or just "FreeTDS". */
const char      *lb_sql_profile_get_driver       (const LbConnectionProfile *profile);
LbOdbcDriverKind lb_sql_profile_get_driver_kind  (const LbConnectionProfile *profile);
/* The section of the FreeTDS configuration file that holds this profile's settings. */
char            *lb_sql_profile_section_name     (const LbConnectionProfile *profile);
/* "[section]\n  host = …\n …": TDS 7.4, UTF-8, encryption as chosen (require by default),
 * the system's CAs unless the profile trusts any certificate, no TLS 1.0. */
char            *lb_sql_profile_freetds_section  (const LbConnectionProfile *profile);
/* The DSN-less connection string; for FreeTDS it names the section (which must have been
 * written to the file FREETDSCONF points at). The result holds the password: wipe it with
 * lb_sql_profile_free_secret_string(). */
char            *lb_sql_profile_connection_string (const LbConnectionProfile *profile,
                                                   const char                *password);
void             lb_sql_profile_free_secret_string (char                     *text);
/* "host:port" or "host\instance", for messages. */
char            *lb_sql_profile_server_label     (const LbConnectionProfile *profile);
/* The choices that weaken the connection's protection, one sentence each, for the warning
 * the profile editor and the CLI show; NULL when there are none. */
char            *lb_sql_profile_security_warning (const LbConnectionProfile *profile);

G_END_DECLS
