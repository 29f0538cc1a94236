/* lb-sql-profile.c: FreeTDS configuration sections and ODBC connection strings.
 *
 * FreeTDS 1.3 has no CA-file key in the connection string and does not check a server's
 * certificate at all unless "ca file" is set, so its settings go into a configuration
 * section that the connection string names (engineering.md §1.4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lb-sql-profile.h"

const char *
lb_sql_profile_get_driver (const LbConnectionProfile *profile)
{
  if (profile->driver == NULL || *profile->driver == '\0' || g_ascii_strcasecmp (profile->driver, "FreeTDS") == 0)
    return LB_DEFAULT_ODBC_DRIVER;
  return profile->driver;
}

LbOdbcDriverKind
lb_sql_profile_get_driver_kind (const LbConnectionProfile *profile)
{
  g_autofree char *lower = g_ascii_strdown (lb_sql_profile_get_driver (profile), -1);

  /* "ODBC Driver 18 for SQL Server" or …/libmsodbcsql-18.so */
  if (strstr (lower, "msodbcsql") != NULL || strstr (lower, "odbc driver") != NULL)
    return LB_ODBC_DRIVER_MICROSOFT;
  return LB_ODBC_DRIVER_FREETDS;
}

char *
lb_sql_profile_section_name (const LbConnectionProfile *profile)
{
  g_autofree char *host = g_ascii_strdown (profile->host, -1);

  /* The id keeps two profiles apart; the host only helps a person reading a trace. */
  g_strcanon (host, "abcdefghijklmnopqrstuvwxyz0123456789-.", '_');
  return g_strdup_printf ("linkbench-%" G_GINT64_FORMAT "-%s", profile->id, host);
}

static const char *
encryption_keyword (const LbConnectionProfile *profile)
{
  switch (profile->encryption)
    {
    case LB_ENCRYPTION_OFF:
      return "off";
    case LB_ENCRYPTION_REQUEST:
      return "request";
    case LB_ENCRYPTION_REQUIRE:
    default:
      return "require";
    }
}

char *
lb_sql_profile_freetds_section (const LbConnectionProfile *profile)
{
  g_autofree char *section = lb_sql_profile_section_name (profile);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "[%s]\n", section);
  g_string_append_printf (text, "\thost = %s\n", profile->host);
  if (profile->port > 0)
    g_string_append_printf (text, "\tport = %" G_GINT64_FORMAT "\n", profile->port);
  else if (profile->instance_name != NULL && *profile->instance_name != '\0')
    g_string_append_printf (text, "\tinstance = %s\n", profile->instance_name);
  g_string_append (text, "\ttds version = 7.4\n");
  g_string_append (text, "\tclient charset = UTF-8\n");
  g_string_append_printf (text, "\tencryption = %s\n", encryption_keyword (profile));
  if (!profile->trust_server_certificate)
    g_string_append (text, "\tca file = system\n");
  g_string_append (text, "\tenable tls v1 = no\n");
  if (profile->login_timeout_s > 0)
    g_string_append_printf (text, "\tconnect timeout = %" G_GINT64_FORMAT "\n", profile->login_timeout_s);
  if (profile->query_timeout_s > 0)
    g_string_append_printf (text, "\ttimeout = %" G_GINT64_FORMAT "\n", profile->query_timeout_s);
  return g_string_free (text, FALSE);
}

/* "{value}". ODBC escapes a '}' inside by doubling it, which Microsoft's driver reads;
 * FreeTDS 1.3 does not unescape, but ends a braced value only at a '}' followed by ';' or
 * the end, so it reads a lone '}' as is. */
static void
append_braced (GString          *text,
               const char       *value,
               LbOdbcDriverKind  kind)
{
  g_string_append_c (text, '{');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '}' && kind == LB_ODBC_DRIVER_MICROSOFT)
        g_string_append_c (text, '}');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '}');
}

static void
append_credentials (GString                   *text,
                    const LbConnectionProfile *profile,
                    const char                *password)
{
  LbOdbcDriverKind kind = lb_sql_profile_get_driver_kind (profile);

  if (profile->login != NULL && *profile->login != '\0')
    {
      g_string_append (text, ";UID=");
      append_braced (text, profile->login, kind);
    }
  if (password != NULL)
    {
      g_string_append (text, ";PWD=");
      append_braced (text, password, kind);
    }
}

char *
lb_sql_profile_connection_string (const LbConnectionProfile *profile,
                                  const char                *password)
{
  GString *text = g_string_new ("DRIVER=");

  append_braced (text, lb_sql_profile_get_driver (profile), lb_sql_profile_get_driver_kind (profile));
  if (lb_sql_profile_get_driver_kind (profile) == LB_ODBC_DRIVER_FREETDS)
    {
      g_autofree char *section = lb_sql_profile_section_name (profile);

      g_string_append_printf (text, ";Servername=%s", section);
      append_credentials (text, profile, password);
      g_string_append (text, ";APP=Linkbench;ClientCharset=UTF-8");
    }
  else
    {
      static const char *const encrypt[] = { [LB_ENCRYPTION_REQUIRE] = "yes", [LB_ENCRYPTION_REQUEST] = "optional",
                                             [LB_ENCRYPTION_OFF] = "no" };

      g_string_append_printf (text, ";Server=tcp:%s", profile->host);
      if (profile->port > 0)
        g_string_append_printf (text, ",%" G_GINT64_FORMAT, profile->port);
      else if (profile->instance_name != NULL && *profile->instance_name != '\0')
        g_string_append_printf (text, "\\%s", profile->instance_name);
      append_credentials (text, profile, password);
      g_string_append_printf (text, ";Encrypt=%s;TrustServerCertificate=%s",
                              profile->encryption >= 0 && profile->encryption < (int) G_N_ELEMENTS (encrypt)
                                ? encrypt[profile->encryption] : "yes",
                              profile->trust_server_certificate ? "yes" : "no");
      if (profile->login_timeout_s > 0)
        g_string_append_printf (text, ";LoginTimeout=%" G_GINT64_FORMAT, profile->login_timeout_s);
      g_string_append (text, ";APP=Linkbench");
    }
  return g_string_free (text, FALSE);
}

void
lb_sql_profile_free_secret_string (char *text)
{
  if (text == NULL)
    return;
  explicit_bzero (text, strlen (text));
  g_free (text);
}

char *
lb_sql_profile_server_label (const LbConnectionProfile *profile)
{
  if (profile->port > 0)
    return g_strdup_printf ("%s:%" G_GINT64_FORMAT, profile->host, profile->port);
  if (profile->instance_name != NULL && *profile->instance_name != '\0')
    return g_strdup_printf ("%s\\%s", profile->host, profile->instance_name);
  return g_strdup (profile->host);
}

char *
lb_sql_profile_security_warning (const LbConnectionProfile *profile)
{
  GString *text = g_string_new (NULL);

  if (profile->encryption == LB_ENCRYPTION_OFF)
    g_string_append (text, _("Encryption is off: the login and every result cross the network in clear text."));
  else if (profile->encryption == LB_ENCRYPTION_REQUEST)
    g_string_append (text, _("Encryption is only used if the server offers it: a server (or anyone in between) "
                             "can turn it off."));
  if (profile->trust_server_certificate && profile->encryption != LB_ENCRYPTION_OFF)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _("Any server certificate is trusted: the connection is encrypted but anyone in "
                               "between can pose as the server."));
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}
