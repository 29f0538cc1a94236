/* test-live-sql.c: the live SQL Server flows of the GUI against the TDS test server, through
 * the real unixODBC + FreeTDS driver and libsecret's file keyring — a profile created in its
 * form (with the security hints), Test Connection failing without a password and passing
 * after Set Password…; Run Checks on the readiness page filling the prerequisites with
 * their notes and evidence, twice, and a cancelled run writing nothing; Start Sampling on
 * the lag page with samples reaching the chart, the sidebar and the header, through a
 * dropped connection, for two projects at once, then Stop. While sampling, a 10 ms timer
 * reports the worst gap of the main loop (a figure, not a pass/fail condition).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-live-sql"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "core-test-tds.h"
#include "lb-evidence-viewer.h"
#include "lb-lag-page.h"
#include "lb-password-dialog.h"
#include "lb-profiles-dialog.h"
#include "lb-readiness-page.h"
#include "lb-record-dialog.h"
#include "lb-settings.h"
#include "lb-window.h"
#include "sqlserver/lb-freetds-conf.h"
#include "ui-test-common.h"

#define PASSWORD "K3y;ring=ok"
#define LOGINS   "\"logins\": [{\"user\": \"linkbench\", \"password\": \"K3y;ring=ok\"}]"

#define NV(name) "{\"name\": \"" name "\", \"type\": \"nvarchar\"}"
#define INT(name) "{\"name\": \"" name "\", \"type\": \"int\"}"
#define BIG(name) "{\"name\": \"" name "\", \"type\": \"bigint\"}"
#define DT(name) "{\"name\": \"" name "\", \"type\": \"datetime\"}"

static const char describe_script[] =
  "{" LOGINS ", \"queries\": [{\"match\": \"@@SERVERNAME\", \"responses\": [{\"results\": [{\"columns\": ["
  NV ("server_name") ", " NV ("product_version") ", " NV ("edition") "],"
  " \"rows\": [[\"SQL01\", \"16.0.4125.3\", \"Developer Edition\"]]}]}]}]}";

/* The probe's queries with the real DMV columns (tests/core/test-link-probe.c): SQL Server
 * 2019 CU16, a SIMPLE-recovery database, no VIEW SERVER STATE, no DBCC TRACESTATUS. */
#define PROBE_QUERIES \
  "{\"match\": \"SERVERPROPERTY('ProductVersion')\", \"responses\": [{%s\"results\": [{\"columns\": [" \
  NV ("product_version") ", " INT ("major_version") ", " NV ("product_level") ", " NV ("cu_level") ", " NV ("edition") ", " \
  INT ("engine_edition") ", " INT ("is_hadr_enabled") ", " INT ("hadr_manager_status") ", " NV ("server_name") ", " \
  INT ("is_sysadmin") ", " INT ("has_view_server_state") ", " INT ("has_view_any_definition") ", " \
  INT ("connect_pack_procs") ", " INT ("has_dmk") "], \"rows\": [[\"15.0.4236.7\", 15, \"RTM\", \"CU16\"," \
  " \"Enterprise Edition (64-bit)\", 3, 1, 1, \"SQL01\", 0, 0, 1, 0, 1]]}]}]}," \
  "{\"match\": \"database_mirroring_endpoints\", \"responses\": [{\"results\": [{\"columns\": [" \
  NV ("name") ", " NV ("state_desc") ", " NV ("role_desc") ", " NV ("connection_auth_desc") ", " \
  "{\"name\": \"is_encryption_enabled\", \"type\": \"bit\"}, " NV ("encryption_algorithm_desc") ", " INT ("port") ", " \
  NV ("cert_name") ", " DT ("expiry_date") ", " INT ("days_to_expiry") "], \"rows\": [[\"Hadr_endpoint\", \"STARTED\"," \
  " \"ALL\", \"CERTIFICATE\", true, \"AES\", 5022, \"SQL01_cert\", \"2027-06-30 00:00:00\", 210]]}]}]}," \
  "{\"match\": \"NOT LIKE N'##%%'\", \"responses\": [{\"results\": [{\"columns\": [" \
  NV ("name") ", " NV ("subject") ", " NV ("issuer_name") ", " NV ("pvt_key_encryption_type_desc") ", " DT ("start_date") ", " \
  DT ("expiry_date") ", " INT ("days_to_expiry") "], \"rows\": [[\"SQL01_cert\", \"CN=SQL01\", \"CN=SQL01\"," \
  " \"ENCRYPTED_BY_MASTER_KEY\", \"2026-01-01 00:00:00\", \"2027-06-30 00:00:00\", 210]]}]}]}," \
  "{\"match\": \"sys.database_recovery_status\", \"responses\": [{\"results\": [{\"columns\": [" \
  NV ("name") ", " NV ("state_desc") ", " NV ("recovery_model_desc") ", {\"name\": \"is_read_only\", \"type\": \"bit\"}, " \
  NV ("log_reuse_wait_desc") ", {\"name\": \"last_log_backup_lsn\", \"type\": \"varchar\", \"length\": 30}, " \
  DT ("last_full_backup") ", " INT ("log_files") ", " INT ("fs_or_xtp_files") "], \"rows\": [[\"ERP\", \"ONLINE\"," \
  " \"SIMPLE\", false, \"NOTHING\", null, null, 1, 0]]}]}]}," \
  "{\"match\": \"TRACESTATUS\", \"responses\": [{\"error\": {\"number\": 2571, \"class\": 14, \"text\": \"User" \
  " 'linkbench' does not have permission to run DBCC TRACESTATUS.\"}}]}"

typedef struct
{
  char        *dir;
  char        *path;
  CoreTestTds *tds;
  LbWindow    *window;
  LbStore     *store;   /* the window's */
  gint64       erp;     /* project ids */
  gint64       crm;
} Fixture;

static gint64
add_project (LbStore    *store,
             const char *name,
             const char *link,
             const char *database)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  gint64 id;

  ui_test_set_fields (project, "name", name, "link_name", link, "source_server", "127.0.0.1", "source_database",
                      database, "target_instance", "mi01", "target_fqdn", "mi01.abc123.database.windows.net", NULL);
  g_assert_true (lb_store_insert (store, project, &error));
  g_assert_no_error (error);
  id = project->id;
  lb_record_free (project);
  return id;
}

static LbConnectionProfile *
new_profile (Fixture    *f,
             gint64      project_id,
             const char *name)
{
  LbConnectionProfile *profile = lb_record_new (&lb_connection_profile_kind);
  g_autofree char *port = g_strdup_printf ("%u", core_test_tds_get_port (f->tds));

  profile->project_id = project_id;
  ui_test_set_fields (profile, "name", name, "host", "127.0.0.1", "port", port, "login", "linkbench", "encryption",
                      "request", "login_timeout_s", "3", "query_timeout_s", "15", NULL);
  return profile;
}

/* A profile in the store and its password in the keyring (set up, not under test). */
static gint64
add_profile (Fixture    *f,
             gint64      project_id,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile = new_profile (f, project_id, name);
  gint64 id;

  g_assert_true (lb_store_insert (f->store, profile, &error));
  g_assert_no_error (error);
  g_assert_true (lb_sql_secret_store (profile, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  id = profile->id;
  lb_record_free (profile);
  return id;
}

static void
fixture_start (Fixture    *f,
               const char *script)
{
  g_autoptr(GError) error = NULL;

  f->tds = core_test_tds_start (script, &error);
  g_assert_no_error (error);
  f->dir = ui_test_make_dir ("live");
  f->path = g_build_filename (f->dir, "live.db", NULL);
  {
    g_autoptr(LbStore) store = lb_store_open (f->path, &error);

    g_assert_no_error (error);
    f->erp = add_project (store, "Plant ERP", "DAG_ERP", "ERP");
    f->crm = add_project (store, "Sales CRM", "DAG_CRM", "CRM");
  }
  f->window = lb_window_new (ui_test_get_application (), f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  ui_test_show_window (GTK_WINDOW (f->window));
  f->store = lb_window_get_store (f->window);
  g_assert_nonnull (f->store);
  lb_window_open_project (f->window, f->erp);
  ui_test_spin (300);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  ui_test_destroy_window (GTK_WINDOW (f->window));
  core_test_tds_stop (f->tds);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
wait_closed (gpointer window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  ui_test_wait_until (window_gone, &weak, 10000, "the dialog to close");
}

/* The error dialog over a window: its body, then closed. */
static char *
take_error_dialog (void)
{
  GtkWindow *dialog = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  char *body;

  g_assert_nonnull (dialog);
  body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  ui_test_destroy_window (dialog);
  return body;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* ---- connection profiles ------------------------------------------------------------------ */

typedef struct
{
  LbProfilesDialog *dialog;
  gint64            id;
} ProfileWait;

static gboolean
test_done (gpointer data)
{
  ProfileWait *wait = data;

  return !lb_profiles_dialog_is_testing (wait->dialog, wait->id) &&
         lb_profiles_dialog_get_test_result (wait->dialog, wait->id, NULL) != NULL;
}

static gboolean
has_row (gpointer data)
{
  ProfileWait *wait = data;

  return lb_profiles_dialog_get_row (wait->dialog, wait->id) != NULL;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("");
  /* Binary SQLite pages: look for the bytes, not a C string. */
  for (gsize i = 0; i < length; i++)
    if (contents[i] == '\0')
      contents[i] = '\n';
  return contents;
}

static void
test_profiles (Fixture      *f,
               gconstpointer data)
{
  LbProfilesDialog *dialog;
  LbRecordDialog *editor;
  LbRecordForm *form;
  LbPasswordDialog *password;
  g_autoptr(GPtrArray) profiles = NULL;
  LbConnectionProfile *profile;
  g_autofree char *port = NULL;
  g_autofree char *body = NULL;
  gboolean ok = TRUE;
  ProfileWait wait;

  fixture_start (f, describe_script);
  port = g_strdup_printf ("%u", core_test_tds_get_port (f->tds));

  /* The project has no profile: the readiness and lag pages offer to add one. */
  g_assert_true (contains (lb_readiness_page_get_probe_status (LB_READINESS_PAGE (lb_window_get_page (f->window,
                                                                                                      "readiness"))),
                           "Add a connection profile"));
  g_assert_true (contains (lb_lag_page_get_sampling_status (LB_LAG_PAGE (lb_window_get_page (f->window, "lag"))),
                           "Add a connection profile"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.connection-profiles", NULL));
  dialog = LB_PROFILES_DIALOG (ui_test_find_window (LB_TYPE_PROFILES_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpint (lb_profiles_dialog_get_project_id (dialog), ==, f->erp);
  ui_test_show_window (GTK_WINDOW (dialog));
  g_assert_cmpuint (lb_list_dialog_get_n_rows (LB_LIST_DIALOG (dialog)), ==, 0);

  /* New profile: the form refuses what would break the connection string, and says what a
   * lowered encryption and an unsupported sign-in mean as they are chosen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "profiles.new", NULL));
  editor = LB_RECORD_DIALOG (ui_test_find_window (LB_TYPE_RECORD_DIALOG));
  g_assert_nonnull (editor);
  form = lb_record_dialog_get_form (editor);
  ui_test_show_window (GTK_WINDOW (editor));
  g_assert_null (lb_record_form_get_hint (form, "trust_server_certificate"));
  g_assert_true (lb_record_form_set_text (form, "name", "ERP source"));
  g_assert_true (lb_record_form_set_text (form, "host", "127.0.0.1;Trusted_Connection=yes"));
  g_assert_true (lb_record_form_set_text (form, "port", port));
  g_assert_true (lb_record_form_set_text (form, "login", "linkbench"));
  g_assert_true (lb_record_form_set_text (form, "login_timeout_s", "3"));
  g_assert_true (lb_record_form_set_text (form, "encryption", "request"));
  g_assert_true (contains (lb_record_form_get_hint (form, "trust_server_certificate"),
                           "Encryption is only used if the server offers it"));
  g_assert_true (lb_record_form_set_text (form, "trust_server_certificate", "true"));
  g_assert_true (contains (lb_record_form_get_hint (form, "trust_server_certificate"),
                           "Any server certificate is trusted"));
  g_assert_true (lb_record_form_set_text (form, "auth", "windows"));
  g_assert_true (contains (lb_record_form_get_hint (form, "auth"), "Not supported for connecting yet"));
  g_free (ui_test_screenshot (GTK_WIDGET (editor), "live-profile-form.png"));
  {
    /* Further down: the encryption settings and what they mean. */
    GtkWidget *scrolled = ui_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW, NULL);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    g_free (ui_test_screenshot (GTK_WIDGET (editor), "live-profile-form-encryption.png"));
  }
  g_assert_true (lb_record_form_set_text (form, "auth", "sql_login"));
  g_assert_true (lb_record_form_set_text (form, "trust_server_certificate", "false"));
  g_assert_null (lb_record_form_get_hint (form, "auth"));
  g_assert_false (lb_record_dialog_save (editor));
  g_assert_true (contains (lb_record_form_get_error (form, "host"), "“;” is not allowed"));
  g_assert_true (lb_record_form_set_text (form, "host", "127.0.0.1"));
  g_assert_true (lb_record_dialog_save (editor));

  profiles = lb_store_list_for_project (f->store, &lb_connection_profile_kind, f->erp, NULL);
  g_assert_cmpuint (profiles->len, ==, 1);
  profile = profiles->pdata[0];
  g_assert_cmpint (profile->encryption, ==, LB_ENCRYPTION_REQUEST);
  wait.dialog = dialog;
  wait.id = profile->id;
  ui_test_wait_until (has_row, &wait, 10000, "the profile's row");
  g_assert_nonnull (ui_test_find_with_class (lb_profiles_dialog_get_row (dialog, profile->id), "security-warning"));

  /* No password yet: the server refuses the login, and the dialog says so in its words. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "profiles.test", "x", profile->id));
  g_assert_true (lb_profiles_dialog_is_testing (dialog, profile->id));
  ui_test_wait_until (test_done, &wait, 20000, "Test Connection to end");
  g_assert_true (contains (lb_profiles_dialog_get_test_result (dialog, profile->id, &ok), "(18456)"));
  g_assert_false (ok);
  ui_test_spin (100);
  body = take_error_dialog ();
  g_test_message ("Test Connection without a password: %s", body);
  g_assert_true (contains (body, "(18456): Login failed for user 'linkbench'."));

  /* Set Password…: saved on a worker, the entry emptied at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "profiles.set-password", "x", profile->id));
  password = LB_PASSWORD_DIALOG (ui_test_find_window (LB_TYPE_PASSWORD_DIALOG));
  g_assert_nonnull (password);
  ui_test_show_window (GTK_WINDOW (password));
  gtk_editable_set_text (lb_password_dialog_get_entry (password), PASSWORD);
  g_free (ui_test_screenshot (GTK_WIDGET (password), "live-password-dialog.png"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (password), "password.save", NULL));
  g_assert_cmpstr (gtk_editable_get_text (lb_password_dialog_get_entry (password)), ==, "");
  wait_closed (password);
  {
    g_autoptr(GError) error = NULL;
    char *stored = lb_sql_secret_lookup (profile, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (stored, ==, PASSWORD);
    lb_sql_secret_free (stored);
  }

  /* Now it connects and names the server. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "profiles.test", "x", profile->id));
  ui_test_wait_until (test_done, &wait, 20000, "Test Connection to end");
  g_assert_true (contains (lb_profiles_dialog_get_test_result (dialog, profile->id, &ok),
                           "SQL01 (16.0.4125.3, Developer Edition)"));
  g_assert_true (ok);
  g_assert_null (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  ui_test_spin (200);
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), "live-profiles-dialog.png"));

  /* The password is in the keyring only: not in the database, nor in the server's log. */
  {
    g_autofree char *wal_path = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *db = read_file (f->path);
    g_autofree char *wal = read_file (wal_path);
    g_autofree char *log = read_file (core_test_tds_get_log_path (f->tds));

    g_assert_false (contains (db, PASSWORD));
    g_assert_false (contains (wal, PASSWORD));
    g_assert_false (contains (log, PASSWORD));
  }

  /* The pages now offer to run with it. */
  ui_test_spin (100);
  g_assert_true (contains (lb_readiness_page_get_probe_status (LB_READINESS_PAGE (lb_window_get_page (f->window,
                                                                                                      "readiness"))),
                           "with “ERP source”"));
  ui_test_destroy_window (GTK_WINDOW (dialog));
  g_assert_true (lb_sql_secret_clear (profile, NULL, NULL));
}

/* ---- the prerequisite probe --------------------------------------------------------------- */

static gboolean
not_checking (gpointer data)
{
  return !lb_readiness_page_get_checking (data);
}

static gboolean
lists_prerequisites (gpointer data)
{
  return lb_record_list_page_get_n_records (data) >= LB_PROBE_N_CHECKS;
}

static gboolean
viewer_has_text (gpointer data)
{
  return lb_evidence_viewer_get_text (data) != NULL;
}

static LbReadinessItem *
find_item (Fixture        *f,
           LbProbeCheckId  check)
{
  g_autoptr(GPtrArray) items = lb_store_list_for_project (f->store, &lb_readiness_item_kind, f->erp, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      LbReadinessItem *item = items->pdata[i];

      if (g_strcmp0 (item->title, lb_link_probe_check_title (check)) == 0)
        return lb_record_copy (item);
    }
  return NULL;
}

static void
run_checks (Fixture         *f,
            LbReadinessPage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "readiness.run-checks", NULL));
  g_assert_true (lb_readiness_page_get_checking (page));
  g_assert_true (contains (lb_readiness_page_get_probe_status (page), "Checking on 127.0.0.1:"));
  ui_test_wait_until (not_checking, page, 60000, "the checks to end");
}

static void
test_probe (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *script = g_strdup_printf ("{" LOGINS ", \"queries\": [" PROBE_QUERIES "]}", "");
  LbReadinessPage *page;
  LbReadinessItem *item;
  LbEvidenceViewer *viewer;
  GtkWidget *row;
  GtkWidget *button;
  const char *text;

  fixture_start (f, script);
  add_profile (f, f->erp, "ERP source");
  lb_window_show_page (f->window, "readiness");
  page = LB_READINESS_PAGE (lb_window_get_page (f->window, "readiness"));
  ui_test_spin (100);
  g_assert_cmpstr (lb_record_list_page_get_state (LB_RECORD_LIST_PAGE (page)), ==, "empty");
  g_assert_true (contains (lb_readiness_page_get_probe_status (page), "with “ERP source”"));

  /* Without the source database's name there is nothing to check it on. */
  {
    LbProject *project = lb_store_get (f->store, &lb_project_kind, f->erp, NULL);

    ui_test_set_fields (project, "source_database", "", NULL);
    g_assert_true (lb_store_update (f->store, project, NULL));
    g_assert_true (contains (lb_readiness_page_get_probe_status (page), "Name the project’s source database first"));
    gtk_widget_activate_action (GTK_WIDGET (page), "readiness.run-checks", NULL);
    g_assert_false (lb_readiness_page_get_checking (page));
    ui_test_set_fields (project, "source_database", "ERP", NULL);
    g_assert_true (lb_store_update (f->store, project, NULL));
    g_assert_true (contains (lb_readiness_page_get_probe_status (page), "with “ERP source”"));
    lb_record_free (project);
  }

  run_checks (f, page);
  g_assert_null (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  /* Every check became a prerequisite of the project, with its verdict in its note. */
  g_assert_true (g_str_has_suffix (lb_readiness_page_get_probe_status (page),
                                   "with “ERP source”. 10 checks: 5 passed, 2 warnings, 2 failed, 1 could not be checked"));
  ui_test_wait_until (lists_prerequisites, page, 5000, "the prerequisites on the page");
  g_assert_cmpuint (lb_record_list_page_get_n_records (LB_RECORD_LIST_PAGE (page)), ==, LB_PROBE_N_CHECKS);
  item = find_item (f, LB_PROBE_CHECK_BACKUP);
  g_assert_nonnull (item);
  g_assert_cmpint (item->status, ==, LB_READINESS_BLOCKED);
  row = lb_record_list_page_get_row (LB_RECORD_LIST_PAGE (page), &lb_readiness_item_kind, item->id);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Fail: "));
  g_assert_true (contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "SIMPLE"));
  g_assert_true (contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Verified by linkbench probe as linkbench@"));
  ui_test_spin (300);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "live-readiness-after-probe.png"));

  /* Its evidence is one click away: the query and the rows the verdict was judged on. */
  button = ui_test_find_with_class (row, "evidence-button");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  viewer = LB_EVIDENCE_VIEWER (ui_test_find_window (LB_TYPE_EVIDENCE_VIEWER));
  g_assert_nonnull (viewer);
  g_assert_cmpuint (lb_evidence_viewer_get_n_evidence (viewer), ==, 1);
  ui_test_wait_until (viewer_has_text, viewer, 10000, "the evidence to be read");
  text = lb_evidence_viewer_get_text (viewer);
  g_assert_true (contains (text, "sys.database_recovery_status"));
  g_assert_true (contains (text, "-- Parameters: ERP"));
  g_assert_true (contains (text, "recovery_model_desc"));
  g_assert_true (contains (text, "| SIMPLE "));
  ui_test_show_window (GTK_WINDOW (viewer));
  g_free (ui_test_screenshot (GTK_WIDGET (viewer), "live-evidence-viewer.png"));
  ui_test_destroy_window (GTK_WINDOW (viewer));
  lb_record_free (item);

  /* Again: the same prerequisites are updated, the evidence of each run is kept. */
  run_checks (f, page);
  ui_test_spin (300);
  g_assert_cmpint (lb_store_count (f->store, &lb_readiness_item_kind, "project_id", f->erp, NULL), ==,
                   LB_PROBE_N_CHECKS);
  item = find_item (f, LB_PROBE_CHECK_TRACE_FLAGS);
  g_assert_nonnull (item);
  g_assert_cmpint (item->status, ==, LB_READINESS_UNKNOWN);
  g_assert_cmpint (lb_store_count (f->store, &lb_evidence_kind, "readiness_id", item->id, NULL), ==, 2);
  viewer = LB_EVIDENCE_VIEWER (lb_readiness_page_show_evidence (page, item->id));
  g_assert_cmpuint (lb_evidence_viewer_get_n_evidence (viewer), ==, 2);
  ui_test_wait_until (viewer_has_text, viewer, 10000, "the evidence to be read");
  g_assert_true (contains (lb_evidence_viewer_get_text (viewer), "(2571)"));
  ui_test_destroy_window (GTK_WINDOW (viewer));
  lb_record_free (item);
}

static void
test_probe_cancel (Fixture      *f,
                   gconstpointer data)
{
  /* The first query takes 20 s: long enough to be cancelled. */
  g_autofree char *script = g_strdup_printf ("{" LOGINS ", \"queries\": [" PROBE_QUERIES "]}", "\"delay_ms\": 20000, ");
  LbReadinessPage *page;
  gint64 started;

  fixture_start (f, script);
  add_profile (f, f->erp, "ERP source");
  lb_window_show_page (f->window, "readiness");
  page = LB_READINESS_PAGE (lb_window_get_page (f->window, "readiness"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "readiness.run-checks", NULL));
  g_assert_true (core_test_tds_wait_events (f->tds, "login", 1, 20000));
  ui_test_spin (500);
  g_assert_true (lb_readiness_page_get_checking (page));
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "live-readiness-checking.png"));
  started = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "readiness.cancel-checks", NULL));
  ui_test_wait_until (not_checking, page, 15000, "the cancelled checks to end");
  g_test_message ("Cancel took %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpstr (lb_readiness_page_get_probe_status (page), ==, "The checks were cancelled; nothing was written.");
  g_assert_null (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (lb_store_count (f->store, &lb_readiness_item_kind, "project_id", f->erp, NULL), ==, 0);
  g_assert_cmpint (lb_store_count (f->store, &lb_evidence_kind, "project_id", f->erp, NULL), ==, 0);
}

/* ---- lag sampling ------------------------------------------------------------------------- */

static char *
poll_response (const char *erp_lag_ms,
               const char *crm_lag_ms)
{
  return g_strdup_printf (
    "{\"results\": [{\"columns\": [" NV ("link_name") ", " NV ("database_name") ", " BIG ("commit_lag_ms") ", "
    BIG ("secondary_lag_seconds") ", " BIG ("send_queue_kb") ", " BIG ("send_rate_kbps") ", " BIG ("redo_queue_kb") ", "
    BIG ("redo_rate_kbps") ", " NV ("synchronization_state_desc") ", " NV ("synchronization_health_desc") "],"
    " \"rows\": [[\"DAG_ERP\", \"ERP\", %s, 1, 64, 32, 128, 64, \"SYNCHRONIZING\", \"HEALTHY\"],"
    " [\"DAG_CRM\", \"CRM\", %s, 0, 8, 32, 16, 64, \"SYNCHRONIZING\", \"HEALTHY\"]]}]}", erp_lag_ms, crm_lag_ms);
}

typedef struct
{
  gint64 first;
  gint64 last;
  gint64 worst;
  guint  ticks;
} Ticker;

static gboolean
tick (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();

  if (ticker->last != 0)
    ticker->worst = MAX (ticker->worst, now - ticker->last);
  else
    ticker->first = now;
  ticker->last = now;
  ticker->ticks++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  Fixture   *f;
  LbLagPage *page;
  guint      n_samples;
  gint64     project_id;
  LbSamplerState state;
} SampleWait;

static gboolean
chart_has_samples (gpointer data)
{
  SampleWait *wait = data;
  LbLagSeries *series = lb_lag_chart_view_get_series (lb_lag_page_get_chart (wait->page));

  return g_strcmp0 (lb_lag_page_get_state (wait->page), "chart") == 0 && series != NULL &&
         lb_lag_series_get_n_samples (series) >= wait->n_samples;
}

static gboolean
sampler_in_state (gpointer data)
{
  SampleWait *wait = data;
  const LbSamplerStatus *status = lb_samplers_get_status (lb_window_get_samplers (wait->f->window), wait->project_id);

  return status != NULL && status->state == wait->state && status->n_samples >= wait->n_samples;
}

typedef struct
{
  LbLagPage *page;
  GPtrArray *texts; /* what the bar said, each change once */
} StatusLog;

static void
collect_status (StatusLog  *log,
                gint64      project_id,
                LbSamplers *samplers)
{
  const char *text = lb_lag_page_get_sampling_status (log->page);

  if (text != NULL && (log->texts->len == 0 || g_strcmp0 (log->texts->pdata[log->texts->len - 1], text) != 0))
    g_ptr_array_add (log->texts, g_strdup (text));
}

static void
test_sampling (Fixture      *f,
               gconstpointer data)
{
  static const char *const lags[][2] = {
    { "2500", "400" }, { "1800", "350" }, { "1200", "300" }, { NULL, NULL }, { "900", "300" }, { "1500", "250" },
    { "1100", "200" }, { "800", "200" },
  };
  g_autoptr(GString) script = g_string_new ("{" LOGINS ", \"queries\": [{\"match\": \"dm_hadr\", \"responses\": [");
  g_autoptr(GSettings) settings = lb_settings_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  StatusLog log = { NULL, statuses };
  LbProjectList *list;
  LbLagPage *page;
  LbSamplers *samplers;
  const LbSamplerStatus *status;
  SampleWait wait;
  Ticker ticker = { 0 };
  guint source;

  /* A dropped connection in the middle: the sampler reconnects by itself. */
  for (guint i = 0; i < G_N_ELEMENTS (lags); i++)
    {
      g_autofree char *response = lags[i][0] != NULL ? poll_response (lags[i][0], lags[i][1])
                                                     : g_strdup ("{\"fault\": \"close\"}");

      g_string_append_printf (script, "%s%s", i > 0 ? ", " : "", response);
    }
  g_string_append (script, "]}]}");
  g_assert_nonnull (settings);
  g_settings_set_int (settings, "sampling-interval", 1);
  fixture_start (f, script->str);
  add_profile (f, f->erp, "ERP source");
  add_profile (f, f->crm, "CRM source");
  list = lb_window_get_project_list (f->window);
  samplers = lb_window_get_samplers (f->window);
  g_assert_nonnull (samplers);

  lb_window_show_page (f->window, "lag");
  page = LB_LAG_PAGE (lb_window_get_page (f->window, "lag"));
  ui_test_spin (300);
  g_assert_cmpstr (lb_lag_page_get_state (page), ==, "empty");
  g_assert_true (contains (lb_lag_page_get_sampling_status (page), "every 1 s"));
  g_assert_false (lb_project_list_get_sampling (list, f->erp));
  log.page = page;
  g_signal_connect_swapped (samplers, "changed", G_CALLBACK (collect_status), &log);

  /* For comparison, the same timer before sampling starts, on the same page. */
  {
    Ticker idle = { 0 };

    source = g_timeout_add (10, tick, &idle);
    ui_test_spin (2000);
    g_source_remove (source);
    g_test_message ("Before sampling: %u ticks of a 10 ms timer in %.1f s, worst gap %.1f ms", idle.ticks,
                    (idle.last - idle.first) / 1e6, idle.worst / 1000.0);
  }
  source = g_timeout_add (10, tick, &ticker);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lag.start-sampling", NULL));
  g_assert_true (lb_project_list_get_sampling (list, f->erp));
  g_assert_true (lb_project_page_get_sampling (lb_window_get_project_page (f->window)));

  /* Samples reach the chart through the store's notification, read on a worker. */
  wait = (SampleWait) { f, page, 3, f->erp, LB_SAMPLER_SAMPLING };
  ui_test_wait_until (chart_has_samples, &wait, 30000, "three samples on the chart");
  g_assert_true (g_str_has_prefix (lb_lag_page_get_sampling_status (page), "Sampling every 1 s from ERP source · last "
                                                                           "sample "));
  g_assert_true (contains (lb_lag_page_get_sampling_status (page), " · lag "));
  /* The fourth poll loses the connection: the bar says so, and sampling resumes by itself. */
  wait = (SampleWait) { f, page, 5, f->erp, LB_SAMPLER_SAMPLING };
  ui_test_wait_until (chart_has_samples, &wait, 60000, "five samples, across the dropped connection");
  {
    gboolean reconnecting = FALSE;

    for (guint i = 0; i < statuses->len; i++)
      {
        g_test_message ("status: %s", (const char *) statuses->pdata[i]);
        reconnecting |= g_str_has_prefix (statuses->pdata[i], "Reconnecting in ") &&
                        contains (statuses->pdata[i], "the connection was lost");
      }
    g_assert_true (reconnecting);
  }

  g_source_remove (source);
  g_test_message ("Sampling one project every 1 s (through a dropped connection): %u ticks of a 10 ms timer in "
                  "%.1f s, worst gap %.1f ms", ticker.ticks, (ticker.last - ticker.first) / 1e6, ticker.worst / 1000.0);

  /* A second project at the same time, from its own page. */
  lb_window_open_project (f->window, f->crm);
  ui_test_spin (200);
  ticker = (Ticker) { 0 };
  source = g_timeout_add (10, tick, &ticker);
  g_assert_false (lb_project_page_get_sampling (lb_window_get_project_page (f->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lag.start-sampling", NULL));
  wait = (SampleWait) { f, page, 2, f->crm, LB_SAMPLER_SAMPLING };
  ui_test_wait_until (chart_has_samples, &wait, 30000, "two samples of the second project");
  g_assert_true (lb_project_list_get_sampling (list, f->erp));
  g_assert_true (lb_project_list_get_sampling (list, f->crm));
  g_assert_true (lb_project_page_get_sampling (lb_window_get_project_page (f->window)));

  lb_window_open_project (f->window, f->erp);
  lb_window_show_page (f->window, "lag");
  ui_test_spin (200);
  wait = (SampleWait) { f, page, 7, f->erp, LB_SAMPLER_SAMPLING };
  ui_test_wait_until (chart_has_samples, &wait, 60000, "seven samples of the first project");
  /* The figure covers sampling, page switches and the chart following; not the
   * screenshots, which render the whole window synchronously. */
  g_source_remove (source);
  g_test_message ("Sampling two projects every 1 s (with one switch between their pages): %u ticks of a 10 ms "
                  "timer in %.1f s, worst gap %.1f ms", ticker.ticks, (ticker.last - ticker.first) / 1e6,
                  ticker.worst / 1000.0);
  {
    /* The chart follows the newest samples: its window ends after the last one. */
    gint64 to, last;

    lb_lag_chart_view_get_window (lb_lag_page_get_chart (page), NULL, &to);
    lb_lag_series_get_extent (lb_lag_chart_view_get_series (lb_lag_page_get_chart (page)), NULL, &last);
    g_assert_cmpint (to, >, last);
  }
  ui_test_spin (1200);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "live-lag-sampling.png"));
  lb_window_show_page (f->window, "overview");
  ui_test_spin (300);
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "live-overview-sampling.png"));
  lb_window_show_page (f->window, "lag");

  /* The gap is in the history, never a zero lag. */
  {
    LbLagSeries *series = lb_lag_chart_view_get_series (lb_lag_page_get_chart (page));
    guint n_gaps = 0;

    g_assert_nonnull (lb_lag_series_get_gaps (series, &n_gaps));
    g_assert_cmpuint (n_gaps, ==, 1);
  }

  /* Stop: the dot goes, the bar says how many were stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lag.stop-sampling", NULL));
  wait = (SampleWait) { f, page, 0, f->erp, LB_SAMPLER_IDLE };
  ui_test_wait_until (sampler_in_state, &wait, 15000, "the sampler to stop");
  ui_test_spin (100);
  status = lb_samplers_get_status (samplers, f->erp);
  g_assert_null (status->message);
  g_assert_cmpuint (status->n_samples, >=, 7);
  g_assert_true (g_str_has_prefix (lb_lag_page_get_sampling_status (page), "Stopped · "));
  g_assert_false (lb_project_list_get_sampling (list, f->erp));
  g_assert_true (lb_project_list_get_sampling (list, f->crm));
  g_signal_handlers_disconnect_by_data (samplers, &log);
  /* The other one is stopped with the window (fixture_teardown). */
  g_settings_reset (settings, "sampling-interval");
}

/* A sampler that cannot go on says why and leaves the project unmarked. */
static void
test_sampling_fails (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *response = poll_response ("1000", "1000");
  g_autofree char *script = g_strdup_printf ("{" LOGINS ", \"queries\": [{\"match\": \"dm_hadr\", \"responses\": [%s]}]}",
                                             response);
  g_autoptr(GError) error = NULL;
  LbConnectionProfile *profile;
  LbLagPage *page;
  SampleWait wait;

  fixture_start (f, script);
  /* The profile is there, the password is not. */
  profile = new_profile (f, f->erp, "ERP source");
  g_assert_true (lb_store_insert (f->store, profile, &error));
  g_assert_no_error (error);
  lb_window_show_page (f->window, "lag");
  page = LB_LAG_PAGE (lb_window_get_page (f->window, "lag"));
  ui_test_spin (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lag.start-sampling", NULL));
  wait = (SampleWait) { f, page, 0, f->erp, LB_SAMPLER_IDLE };
  ui_test_wait_until (sampler_in_state, &wait, 30000, "the sampler to give up");
  ui_test_spin (100);
  g_assert_true (g_str_has_prefix (lb_lag_page_get_sampling_status (page), "Stopped: "));
  g_assert_true (contains (lb_lag_page_get_sampling_status (page), "login failed"));
  g_assert_false (lb_project_list_get_sampling (lb_window_get_project_list (f->window), f->erp));
  g_assert_cmpstr (lb_lag_page_get_state (page), ==, "empty");
  lb_record_free (profile);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime = g_dir_make_tmp ("linkbench-live-XXXXXX", &error);
  g_autofree char *keyring = NULL;
  int status;

  g_assert_no_error (error);
  keyring = g_build_filename (runtime, "test.keyring", NULL);
  /* Before anything reads them: FreeTDS's configuration goes to the runtime folder, the
   * passwords to libsecret's own file backend (no D-Bus, no prompt). */
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  if (!ui_test_init (&argc, &argv))
    return 0;
  /* As g_application_run() does for the real program: the main thread owns the default
   * context throughout, so that the samplers' reports (g_main_context_invoke_full()) are
   * always dispatched here, never on the sampler thread that posts them while this thread
   * sleeps between iterations. */
  g_assert_true (g_main_context_acquire (NULL));

  g_test_add ("/ui/live-sql/profiles", Fixture, NULL, NULL, test_profiles, fixture_teardown);
  g_test_add ("/ui/live-sql/probe", Fixture, NULL, NULL, test_probe, fixture_teardown);
  g_test_add ("/ui/live-sql/probe-cancel", Fixture, NULL, NULL, test_probe_cancel, fixture_teardown);
  g_test_add ("/ui/live-sql/sampling", Fixture, NULL, NULL, test_sampling, fixture_teardown);
  g_test_add ("/ui/live-sql/sampling-fails", Fixture, NULL, NULL, test_sampling_fails, fixture_teardown);
  status = g_test_run ();

  if (lb_freetds_conf_get_path () != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (lb_freetds_conf_get_path ());

      g_unlink (lb_freetds_conf_get_path ());
      g_rmdir (folder);
    }
  g_unlink (keyring);
  g_rmdir (runtime);
  return status;
}
