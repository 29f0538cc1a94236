/* test-report-html.c: the HTML report stays inert and readable with hostile names —
 * markup, quotes, right-to-left text and emoji in a project, a risk and an approval — and
 * is self-contained.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define ANCHOR G_GINT64_CONSTANT (1795957200000)

static const char project_name[] = "<script>alert(1)</script> \"Quoted\" & 'single' שלום 🚀";
static const char risk_title[] = "</td></tr></table><img src=x onerror=alert(2)>";
static const char approver[] = "Ana \"<b>\" O'Neil";

static gsize
count (const char *haystack,
       const char *needle)
{
  gsize n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
write_html (LbStore    *store,
            const char *dir,
            gint64      project_id)
{
  g_autofree char *path = g_build_filename (dir, project_id != 0 ? "project.html" : "portfolio.html", NULL);
  g_autoptr(GError) error = NULL;
  LbReportOptions options;
  char *html = NULL;

  lb_report_options_init (&options);
  options.organisation = g_strdup ("<Org & Co>");
  g_assert_true (lb_report_export (store, project_id, LB_REPORT_FORMAT_HTML, &options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  lb_report_options_clear (&options);
  return html;
}

static void
assert_inert (const char *html)
{
  g_autofree char *escaped_name = g_markup_escape_text (project_name, -1);
  g_autofree char *escaped_risk = g_markup_escape_text (risk_title, -1);
  g_autofree char *escaped_approver = g_markup_escape_text (approver, -1);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  /* No script, no raw hostile markup, nothing fetched from outside. */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>\""));
  g_assert_null (strstr (html, " src=\""));
  /* (SVG's xmlns names http://www.w3.org/… but fetches nothing.) */
  g_assert_null (strstr (html, "href=\"http"));
  g_assert_null (strstr (html, "url(http"));
  g_assert_null (strstr (html, "@import"));
  g_assert_nonnull (strstr (html, escaped_name));
  g_assert_nonnull (strstr (html, escaped_risk));
  g_assert_nonnull (strstr (html, escaped_approver));
  g_assert_nonnull (strstr (html, "&lt;Org &amp; Co&gt;"));
  /* Tables open and close in pairs: the hostile cell did not end one early. */
  g_assert_cmpuint (count (html, "<table>"), ==, count (html, "</table>"));
  g_assert_cmpuint (count (html, "<tr>"), ==, count (html, "</tr>"));
  g_assert_true (g_utf8_validate (html, -1, NULL));
}

static void
test_hostile_names (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *db = g_build_filename (dir, "html.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (db, &error);
  g_autofree char *project_html = NULL;
  g_autofree char *portfolio_html = NULL;
  LbDemoOptions demo;
  LbProject *project;
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  LbApproval *approval = lb_record_new (&lb_approval_kind);

  g_assert_no_error (error);
  lb_demo_options_init (&demo);
  demo.anchor = ANCHOR;
  demo.lag_days = 1;
  demo.lag_interval = 60000;
  g_assert_true (lb_demo_generate (store, &demo, NULL, &error));
  project = lb_store_find (store, &lb_project_kind, "name", "Luma Manufacturing — Plant ERP", &error);
  g_free (project->name);
  project->name = g_strdup (project_name);
  g_assert_true (lb_store_update (store, project, &error));
  risk->project_id = project->id;
  risk->title = g_strdup (risk_title);
  risk->likelihood = 5;
  risk->impact = 5;
  g_assert_true (lb_store_insert (store, risk, &error));
  approval->project_id = project->id;
  approval->subject = LB_SUBJECT_GO_NO_GO;
  approval->approver = g_strdup (approver);
  approval->decision = LB_DECISION_DEFERRED;
  approval->decided_at = ANCHOR;
  g_assert_true (lb_store_insert (store, approval, &error));
  g_assert_no_error (error);

  project_html = write_html (store, dir, project->id);
  assert_inert (project_html);
  /* The verdict, its charts as inline SVG with ids of their own, the rule set. */
  g_assert_nonnull (strstr (project_html, "NO-GO"));
  g_assert_cmpuint (count (project_html, "<svg"), ==, 3);
  g_assert_nonnull (strstr (project_html, "id=\"f1-"));
  g_assert_nonnull (strstr (project_html, "id=\"f3-"));
  g_assert_nonnull (strstr (project_html, "Rule set version 1."));

  portfolio_html = write_html (store, dir, 0);
  assert_inert (portfolio_html);
  g_assert_nonnull (strstr (portfolio_html, "Parkview Insurance — Broker Portal"));

  lb_record_free (project);
  lb_record_free (risk);
  lb_record_free (approval);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-html/hostile-names", test_hostile_names);
  return g_test_run ();
}
