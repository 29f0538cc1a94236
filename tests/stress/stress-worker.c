/* stress-worker.c: writes to a Linkbench database until it is killed — lag batches through
 * the lag writer, risks, evidence and drill steps — and after each write the store has
 * committed, appends one line to a side file saying what must now be in the database.
 *
 *   stress-worker DB LOG SEED
 *
 * The harness (stress.c) kills it with SIGKILL at random moments and checks the file.
 * Lines are written with write(2) once the commit returned, so a line never claims more
 * than was committed; a kill between the commit and the line only loses the claim.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "lb-core.h"

static int log_fd = -1;

static void
claim (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static void
claim (const char *format,
       ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  if (write (log_fd, line, strlen (line)) < 0)
    g_error ("cannot write the claims file");
}

static gint64
ensure_project (LbStore *store)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_store_find (store, &lb_project_kind, "name", "Stress", NULL);
  gint64 id;

  if (project == NULL)
    {
      project = lb_record_new (&lb_project_kind);
      project->name = g_strdup ("Stress");
      if (!lb_store_insert (store, project, &error))
        g_error ("%s", error->message);
    }
  id = project->id;
  lb_record_free (project);
  return id;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  gint64 project_id, rehearsal_id = 0, t = LB_UNSET_INT;
  double last_lag;

  if (argc != 4)
    {
      g_printerr ("usage: stress-worker DB LOG SEED\n");
      return 2;
    }
  if ((store = lb_store_open (argv[1], &error)) == NULL)
    g_error ("%s", error->message);
  if ((log_fd = open (argv[2], O_WRONLY | O_APPEND | O_CREAT, 0600)) < 0)
    g_error ("cannot open %s", argv[2]);
  rand = g_rand_new_with_seed (g_ascii_strtoull (argv[3], NULL, 10));
  project_id = ensure_project (store);
  if (!lb_store_lag_latest (store, project_id, &t, &last_lag, &error) || t == LB_UNSET_INT)
    t = G_GINT64_CONSTANT (1795957200000);
  g_clear_error (&error);

  for (guint round = 0;; round++)
    {
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0: /* a lag batch: the last sample's time is the claim */
          {
            g_autoptr(LbLagWriter) writer = lb_lag_writer_new (store, project_id, LB_LAG_SOURCE_IMPORT, 60000, &error);
            guint n = g_rand_int_range (rand, 50, 2000);

            for (guint i = 0; i < n; i++)
              {
                LbLagSample sample;

                t += g_rand_int_range (rand, 0, 50) == 0 ? 120000 : 5000; /* now and then a gap */
                lb_lag_sample_init (&sample, t);
                sample.lag_s = g_rand_double_range (rand, 0, 5);
                if (!lb_lag_writer_add (writer, &sample, &error))
                  g_error ("%s", error->message);
              }
            if (!lb_lag_writer_commit (writer, &error))
              g_error ("%s", error->message);
            claim ("lag %" G_GINT64_FORMAT "\n", t);
            break;
          }
        case 1:
          {
            LbRisk *risk = lb_record_new (&lb_risk_kind);

            risk->project_id = project_id;
            risk->title = g_strdup_printf ("Risk %u", round);
            risk->likelihood = g_rand_int_range (rand, 1, 6);
            risk->impact = g_rand_int_range (rand, 1, 6);
            if (!lb_store_insert (store, risk, &error))
              g_error ("%s", error->message);
            claim ("risk %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", risk->id, risk->likelihood * risk->impact);
            lb_record_free (risk);
            break;
          }
        case 2:
          {
            LbEvidence *evidence = lb_record_new (&lb_evidence_kind);
            gsize size = g_rand_int_range (rand, 1, 200000);
            guint8 *data = g_malloc (size);

            for (gsize i = 0; i < size; i++)
              data[i] = (guint8) g_rand_int (rand);
            evidence->project_id = project_id;
            evidence->title = g_strdup_printf ("Evidence %u", round);
            evidence->captured_at = t;
            evidence->content = g_bytes_new_take (data, size);
            if (!lb_store_insert (store, evidence, &error))
              g_error ("%s", error->message);
            claim ("evidence %" G_GINT64_FORMAT " %s\n", evidence->id, evidence->sha256);
            lb_record_free (evidence);
            break;
          }
        default: /* a drill: a rehearsal with its runbook, then steps started one by one */
          {
            g_autoptr(GPtrArray) steps = NULL;

            if (rehearsal_id == 0)
              {
                LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);

                rehearsal->project_id = project_id;
                rehearsal->kind = LB_REHEARSAL_CUTOVER;
                rehearsal->title = g_strdup_printf ("Drill %u", round);
                rehearsal->started_at = t;
                if (!lb_store_insert (store, rehearsal, &error) ||
                    !lb_rehearsal_add_runbook_steps (store, rehearsal->id, &error))
                  g_error ("%s", error->message);
                rehearsal_id = rehearsal->id;
                lb_record_free (rehearsal);
              }
            steps = lb_store_list (store, &lb_rehearsal_step_kind, "rehearsal_id", rehearsal_id, &error);
            for (guint i = 0; steps != NULL && i < steps->len; i++)
              {
                LbRehearsalStep *step = steps->pdata[i];

                if (step->started_at != LB_UNSET_INT)
                  continue;
                step->started_at = t;
                step->outcome = LB_STEP_RUNNING;
                if (!lb_store_update (store, step, &error))
                  g_error ("%s", error->message);
                claim ("step %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", step->id, t);
                break;
              }
            if (steps != NULL && steps->len > 0 && ((LbRehearsalStep *) steps->pdata[steps->len - 1])->started_at != LB_UNSET_INT)
              rehearsal_id = 0; /* all started: the next drill */
            break;
          }
        }
    }
  return 0;
}
