/* stress.c: the crash-safety harness. Starts stress-worker against one database again and
 * again, kills it with SIGKILL after a random moment, and after each kill checks that the
 * database is healthy (integrity, foreign keys, rollups equal a recomputation: the
 * store's own check) and that everything the worker said it had committed is there.
 *
 *   stress [--kills N] [--seed S]
 *
 * Ends with one line: "stress: <kills> kills, <lost> lost, <corrupt> corrupt".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lb-core.h"
#include "lb-test-util.h"

/* Checks one claim line; returns FALSE when what it names is missing or different. */
static gboolean
check_claim (LbStore     *store,
             LbLagSeries *series,
             const char  *line)
{
  g_auto(GStrv) parts = g_strsplit (line, " ", 3);
  gint64 id = parts[1] != NULL ? g_ascii_strtoll (parts[1], NULL, 10) : 0;

  if (g_strcmp0 (parts[0], "lag") == 0)
    {
      return series != NULL && lb_lag_series_lower_bound (series, id) < lb_lag_series_get_n_samples (series) &&
             lb_lag_series_get_time (series, lb_lag_series_lower_bound (series, id)) == id;
    }
  if (g_strcmp0 (parts[0], "risk") == 0)
    {
      LbRisk *risk = lb_store_get (store, &lb_risk_kind, id, NULL);
      gboolean ok = risk != NULL && parts[2] != NULL && lb_risk_score (risk) == g_ascii_strtoll (parts[2], NULL, 10);

      lb_record_free (risk);
      return ok;
    }
  if (g_strcmp0 (parts[0], "evidence") == 0)
    {
      LbEvidence *evidence = lb_store_get (store, &lb_evidence_kind, id, NULL);
      g_autofree char *sha = evidence != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, evidence->content)
                                              : NULL;
      gboolean ok = sha != NULL && g_strcmp0 (sha, parts[2]) == 0 && g_strcmp0 (sha, evidence->sha256) == 0;

      lb_record_free (evidence);
      return ok;
    }
  if (g_strcmp0 (parts[0], "step") == 0)
    {
      LbRehearsalStep *step = lb_store_get (store, &lb_rehearsal_step_kind, id, NULL);
      gboolean ok = step != NULL && parts[2] != NULL && step->started_at == g_ascii_strtoll (parts[2], NULL, 10);

      lb_record_free (step);
      return ok;
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *db = g_build_filename (dir, "stress.db", NULL);
  g_autofree char *claims = g_build_filename (dir, "claims.txt", NULL);
  g_autofree char *bindir = g_path_get_dirname (argv[0]);
  g_autofree char *worker = g_build_filename (bindir, "stress-worker", NULL);
  g_autoptr(GRand) rand = NULL;
  guint kills = 50, lost = 0, corrupt = 0, checked = 0;
  guint64 seed = 20261129;
  gboolean tap = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--tap"))
        tap = TRUE;
      else if (g_str_equal (argv[i], "--kills") && i + 1 < argc)
        kills = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        seed = g_ascii_strtoull (argv[++i], NULL, 10);
    }
  rand = g_rand_new_with_seed ((guint32) seed);
  /* Under meson: TAP, one test. */
  if (tap)
    g_print ("1..1\n");

  for (guint k = 0; k < kills; k++)
    {
      g_autofree char *seed_text = g_strdup_printf ("%u", g_rand_int (rand));
      const char *args[] = { worker, db, claims, seed_text, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      LbStore *store;
      GPid pid;
      int status;

      /* A fresh database every 20 kills keeps each check's cost bounded (the rollup check
       * reads every sample); the first kill of each may come while the file is created. */
      if (k % 20 == 0)
        {
          static const char *const suffixes[] = { "", "-wal", "-shm" };

          for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
            {
              g_autofree char *file = g_strconcat (db, suffixes[i], NULL);

              g_unlink (file);
            }
        }
      if (!g_spawn_async (NULL, (char **) args, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
        g_error ("%s", error->message);
      /* The first run also creates the file; later ones may die while opening it. */
      g_usleep (g_rand_int_range (rand, k % 20 == 0 ? 1000 : 5000, 200000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      if (!WIFSIGNALED (status))
        g_error ("the worker ended by itself (status %d) instead of being killed", status);

      store = lb_store_open (db, &error);
      if (store == NULL)
        {
          g_print ("# kill %u: the database cannot be opened: %s\n", k, error->message);
          corrupt++;
          continue;
        }
      if (!lb_store_check (store, &problems, &error))
        g_error ("%s", error->message);
      for (guint i = 0; i < problems->len; i++)
        g_print ("# kill %u: %s\n", k, (char *) problems->pdata[i]);
      corrupt += problems->len > 0;
      if (g_file_get_contents (claims, &contents, NULL, NULL))
        {
          g_autoptr(LbLagSeries) series = NULL;
          gint64 first_lag = G_MAXINT64;

          lines = g_strsplit (contents, "\n", -1);
          /* Only this round's samples need reading: from its first claimed batch end on. */
          for (guint i = 0; lines[i] != NULL; i++)
            if (g_str_has_prefix (lines[i], "lag "))
              first_lag = MIN (first_lag, g_ascii_strtoll (lines[i] + 4, NULL, 10));
          series = lb_lag_series_load_since (db, 1, first_lag, NULL, NULL);

          for (guint i = 0; lines[i] != NULL; i++)
            {
              /* The line being written when the kill came may be cut short: only whole lines count. */
              if (*lines[i] == '\0' || lines[i + 1] == NULL)
                continue;
              checked++;
              if (!check_claim (store, series, lines[i]))
                {
                  g_print ("# kill %u: lost: %s\n", k, lines[i]);
                  lost++;
                }
            }
        }
      g_object_unref (store);
      /* Each round checks every claim so far; start the next round's claims afresh. */
      g_unlink (claims);
    }

  /* The checks themselves: claims of what is not there are caught. */
  {
    g_autoptr(LbStore) store = lb_store_open (db, NULL);
    g_autoptr(LbLagSeries) series = lb_lag_series_load (db, 1, NULL, NULL);

    if (store == NULL || check_claim (store, series, "risk 999999999 4") || check_claim (store, series, "lag 7") ||
        check_claim (store, series, "evidence 1 0000") || check_claim (store, series, "nonsense"))
      g_error ("the claim checks accept what is not in the database");
  }
  g_print ("# %u claims checked\n", checked);
  g_print ("%sstress: %u kills, %u lost, %u corrupt\n", tap ? "# " : "", kills, lost, corrupt);
  if (tap)
    g_print ("%s 1 crash safety over %u kills\n", lost == 0 && corrupt == 0 && checked > 0 ? "ok" : "not ok", kills);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
  return lost == 0 && corrupt == 0 && checked > 0 ? 0 : 1;
}
