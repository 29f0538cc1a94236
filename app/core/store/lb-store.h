/* lb-store.h: the project database (one SQLite file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "../model/lb-record.h"

G_BEGIN_DECLS

/* The schema version this build writes; files with a higher user_version are refused. */
#define LB_SCHEMA_VERSION 5

#define LB_TYPE_STORE (lb_store_get_type ())

G_DECLARE_FINAL_TYPE (LbStore, lb_store, LB, STORE, GObject)

/* Opens (creating with mode 0600 if needed) and migrates the database at @path. A file
 * from a newer Linkbench, or one that is not a Linkbench database, is refused and left
 * untouched. Use from one thread at a time. */
LbStore    *lb_store_open               (const char         *path,
                                         GError            **error);
/* $LINKBENCH_DB, else $XDG_DATA_HOME/linkbench/linkbench.db. */
char       *lb_store_default_path       (void);
const char *lb_store_get_path           (LbStore            *self);
int         lb_store_get_schema_version (LbStore            *self);

/* Validates (field rules, references, uniqueness), then writes the record and its audit
 * row in one transaction. On success @record's id and computed fields are set. */
gboolean    lb_store_insert             (LbStore            *self,
                                         gpointer            record,
                                         GError            **error);
gboolean    lb_store_update             (LbStore            *self,
                                         gpointer            record,
                                         GError            **error);
gboolean    lb_store_delete             (LbStore            *self,
                                         const LbRecordKind *kind,
                                         gint64              id,
                                         GError            **error);
/* Announces a write that another connection to the same file committed (a worker thread's
 * own store), so the "changed" handlers of this one see it too. */
void        lb_store_notify_changed     (LbStore            *self,
                                         const char         *entity,
                                         gint64              id);
/* Groups writes so that they land together or not at all (e.g. an import, the demo).
 * Each write inside still validates and audits itself, and a refused write undoes only
 * itself; lb_store_rollback_transaction() undoes them all. Calls nest. While a transaction
 * is open, "changed" is held back and emitted once after the commit with entity "*". */
gboolean    lb_store_begin_transaction  (LbStore            *self,
                                         GError            **error);
gboolean    lb_store_commit_transaction (LbStore            *self,
                                         GError            **error);
void        lb_store_rollback_transaction (LbStore          *self);

/* The checks insert/update run, without writing: for inline form messages. */
gboolean    lb_store_validate           (LbStore            *self,
                                         gconstpointer       record,
                                         GError            **error);

/* (transfer full): free with lb_record_free(). NULL with LB_ERROR_NOT_FOUND when absent. */
gpointer    lb_store_get                (LbStore            *self,
                                         const LbRecordKind *kind,
                                         gint64              id,
                                         GError            **error);
/* Looks a record up by a text field, ignoring case (e.g. a project by name). */
gpointer    lb_store_find               (LbStore            *self,
                                         const LbRecordKind *kind,
                                         const char         *field_name,
                                         const char         *text,
                                         GError            **error);
/* All records of @kind, or those whose @field_name equals @value when @field_name is set;
 * in the kind's list order. (transfer full): a lb_record_array_new() array.
 * Lists do not read blob fields (an evidence's content): they are unset in the records;
 * lb_store_get() reads them. Updating a listed record keeps its stored blobs. */
GPtrArray  *lb_store_list               (LbStore            *self,
                                         const LbRecordKind *kind,
                                         const char         *field_name,
                                         gint64              value,
                                         GError            **error);
/* The records of @kind that belong to project @project_id; LB_ERROR_NOT_FOUND when there
 * is no such project (rather than an empty list that looks like a project without any). */
GPtrArray  *lb_store_list_for_project   (LbStore            *self,
                                         const LbRecordKind *kind,
                                         gint64              project_id,
                                         GError            **error);
gint64      lb_store_count              (LbStore            *self,
                                         const LbRecordKind *kind,
                                         const char         *field_name,
                                         gint64              value,
                                         GError            **error);

/* How many lag samples a project has and their time span (UTC ms; unset when none). */
gboolean    lb_store_lag_extent         (LbStore            *self,
                                         gint64              project_id,
                                         gint64             *count,
                                         gint64             *first,
                                         gint64             *last,
                                         GError            **error);

/* The project's latest lag sample: its time and lag in seconds (NAN when it had none).
 * FALSE without an error when the project has no samples. */
gboolean    lb_store_lag_latest         (LbStore            *self,
                                         gint64              project_id,
                                         gint64             *t,
                                         double             *lag_s,
                                         GError            **error);

/* integrity_check, foreign_key_check, schema version and lag rollups. Returns FALSE with
 * @error only when the checks could not run; problems found go to @problems (one
 * sentence each; empty when the file is healthy). */
gboolean    lb_store_check              (LbStore            *self,
                                         GPtrArray         **problems,
                                         GError            **error);

G_END_DECLS
