/* test-sql-profile.c: a connection profile on the wire — the FreeTDS section (TDS 7.4,
 * UTF-8, encryption required and certificates checked unless the profile says otherwise),
 * the connection strings of both drivers with the password quoted, the refusal of profile
 * fields that could smuggle settings in, and the security warning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-core.h"
#include "lb-test-util.h"
#include "sqlserver/lb-freetds-conf.h"

static LbConnectionProfile *
new_profile (void)
{
  /* New records carry their kind's defaults: port 1433, encryption required, 15 s login. */
  LbConnectionProfile *profile = lb_record_new (&lb_connection_profile_kind);

  profile->id = 7;
  profile->name = g_strdup ("ERP source");
  profile->host = g_strdup ("SQL01.corp.example");
  profile->login = g_strdup ("linkbench");
  return profile;
}

static void
test_section_defaults (void)
{
  LbConnectionProfile *profile = new_profile ();
  g_autofree char *section = lb_sql_profile_freetds_section (profile);
  g_autofree char *name = lb_sql_profile_section_name (profile);

  g_assert_cmpstr (name, ==, "linkbench-7-sql01.corp.example");
  lb_test_assert_contains (section, "[linkbench-7-sql01.corp.example]\n");
  lb_test_assert_contains (section, "\thost = SQL01.corp.example\n");
  lb_test_assert_contains (section, "\tport = 1433\n");
  lb_test_assert_contains (section, "\ttds version = 7.4\n");
  lb_test_assert_contains (section, "\tclient charset = UTF-8\n");
  lb_test_assert_contains (section, "\tencryption = require\n");
  lb_test_assert_contains (section, "\tca file = system\n");
  lb_test_assert_contains (section, "\tenable tls v1 = no\n");
  lb_test_assert_contains (section, "\tconnect timeout = 15\n");
  g_assert_null (lb_sql_profile_security_warning (profile));
  lb_record_free (profile);
}

static void
test_section_weakened (void)
{
  LbConnectionProfile *profile = new_profile ();
  g_autofree char *section = NULL;
  g_autofree char *warning = NULL;

  profile->encryption = LB_ENCRYPTION_REQUEST;
  profile->trust_server_certificate = TRUE;
  profile->port = LB_UNSET_INT;
  profile->instance_name = g_strdup ("ERP");
  section = lb_sql_profile_freetds_section (profile);
  lb_test_assert_contains (section, "\tencryption = request\n");
  lb_test_assert_contains (section, "\tinstance = ERP\n");
  g_assert_null (strstr (section, "ca file"));
  g_assert_null (strstr (section, "port ="));
  warning = lb_sql_profile_security_warning (profile);
  lb_test_assert_contains (warning, "only used if the server offers it");
  lb_test_assert_contains (warning, "Any server certificate is trusted");
  lb_record_free (profile);
}

static void
test_connection_string_freetds (void)
{
  LbConnectionProfile *profile = new_profile ();
  char *text = lb_sql_profile_connection_string (profile, "p;w=}x");

  /* The password is braced; FreeTDS reads a lone '}' as is. */
  g_assert_cmpstr (text, ==,
                   "DRIVER={" LB_DEFAULT_ODBC_DRIVER "};Servername=linkbench-7-sql01.corp.example;UID={linkbench};"
                   "PWD={p;w=}x};APP=Linkbench;ClientCharset=UTF-8");
  lb_sql_profile_free_secret_string (text);
  g_assert_cmpint (lb_sql_profile_get_driver_kind (profile), ==, LB_ODBC_DRIVER_FREETDS);
  lb_record_free (profile);
}

static void
test_connection_string_microsoft (void)
{
  LbConnectionProfile *profile = new_profile ();
  char *text;

  profile->driver = g_strdup ("ODBC Driver 18 for SQL Server");
  profile->trust_server_certificate = TRUE;
  text = lb_sql_profile_connection_string (profile, "a}b");
  g_assert_cmpint (lb_sql_profile_get_driver_kind (profile), ==, LB_ODBC_DRIVER_MICROSOFT);
  g_assert_cmpstr (text, ==,
                   "DRIVER={ODBC Driver 18 for SQL Server};Server=tcp:SQL01.corp.example,1433;UID={linkbench};"
                   "PWD={a}}b};Encrypt=yes;TrustServerCertificate=yes;LoginTimeout=15;APP=Linkbench");
  lb_sql_profile_free_secret_string (text);
  lb_record_free (profile);
}

static void
test_injection_refused (void)
{
  static const struct { const char *field; const char *value; } cases[] = {
    { "host", "sql01;Encryption=off" },
    { "host", "sql01\n\tencryption = off" },
    { "instance_name", "ERP]\n[global" },
    { "login", "sa}{" },
    { "login", "a=b" },
    { "driver", "/tmp/x.so;UID=sa" },
    { "host", "[sql01]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LbConnectionProfile *profile = new_profile ();
      const LbFieldInfo *field = lb_record_kind_find_field (&lb_connection_profile_kind, cases[i].field);
      char **slot = G_STRUCT_MEMBER_P (profile, field->offset);

      g_free (*slot);
      *slot = g_strdup (cases[i].value);
      g_assert_false (lb_record_validate (profile, &error));
      g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT);
      g_assert_cmpstr (lb_validation_error_get_field (error), ==, cases[i].field);
      lb_test_assert_contains (error->message, "not allowed");
      lb_record_free (profile);
    }
}

static void
test_conf_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  LbConnectionProfile *first = new_profile ();
  LbConnectionProfile *second = new_profile ();
  GStatBuf st;

  g_setenv ("XDG_RUNTIME_DIR", dir, TRUE);
  second->id = 8;
  g_free (second->host);
  second->host = g_strdup ("mi01.abc.database.windows.net");
  g_assert_true (lb_freetds_conf_add (first, &error));
  g_assert_no_error (error);
  g_assert_true (lb_freetds_conf_add (second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_getenv ("FREETDSCONF"), ==, lb_freetds_conf_get_path ());
  g_assert_true (g_file_get_contents (lb_freetds_conf_get_path (), &contents, NULL, &error));
  lb_test_assert_contains (contents, "[linkbench-7-sql01.corp.example]");
  lb_test_assert_contains (contents, "[linkbench-8-mi01.abc.database.windows.net]");
  g_assert_null (strstr (contents, "linkbench\n")); /* no login, no password */
  g_assert_cmpint (g_stat (lb_freetds_conf_get_path (), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_unlink (lb_freetds_conf_get_path ());
  g_rmdir (folder = g_path_get_dirname (lb_freetds_conf_get_path ()));
  lb_record_free (first);
  lb_record_free (second);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sql-profile/section/defaults", test_section_defaults);
  g_test_add_func ("/sql-profile/section/weakened", test_section_weakened);
  g_test_add_func ("/sql-profile/connection-string/freetds", test_connection_string_freetds);
  g_test_add_func ("/sql-profile/connection-string/microsoft", test_connection_string_microsoft);
  g_test_add_func ("/sql-profile/injection-refused", test_injection_refused);
  g_test_add_func ("/sql-profile/conf-file", test_conf_file);
  return g_test_run ();
}
