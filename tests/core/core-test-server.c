/* core-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "core-test-server.h"

struct _CoreTestServer
{
  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  SoupServer        *server;
  SoupServerCallback handler;
  GFunc              on_stop;
  gpointer           user_data;
  char              *base;
  guint              port;
  GMutex             lock;
  GCond              ready;
  gboolean           started;
  GHashTable        *counts; /* path → hits, under lock */
};

static gpointer
server_thread (gpointer data)
{
  CoreTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, self->handler, self->user_data, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("cannot listen on 127.0.0.1: %s", error->message);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->base = g_strdup_printf ("http://127.0.0.1:%u", self->port);

  g_mutex_lock (&self->lock);
  self->started = TRUE;
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  if (self->on_stop != NULL)
    self->on_stop (self, self->user_data);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

CoreTestServer *
core_test_server_start (SoupServerCallback handler,
                        GFunc              on_stop,
                        gpointer           user_data)
{
  CoreTestServer *self = g_new0 (CoreTestServer, 1);

  self->handler = handler;
  self->on_stop = on_stop;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("soup-server", server_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
core_test_server_stop (CoreTestServer *self)
{
  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->counts);
  g_free (self->base);
  g_cond_clear (&self->ready);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const char *
core_test_server_get_base (CoreTestServer *self)
{
  return self->base;
}

guint
core_test_server_get_port (CoreTestServer *self)
{
  return self->port;
}

guint
core_test_server_hit (CoreTestServer *self,
                      const char     *path)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, path)) + 1;
  g_hash_table_replace (self->counts, g_strdup (path), GUINT_TO_POINTER (n));
  g_mutex_unlock (&self->lock);
  return n;
}

guint
core_test_server_hits (CoreTestServer *self,
                       const char     *path)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, path));
  g_mutex_unlock (&self->lock);
  return n;
}

void
core_test_server_forget (CoreTestServer *self,
                         const char     *path)
{
  g_mutex_lock (&self->lock);
  if (path != NULL)
    g_hash_table_remove (self->counts, path);
  else
    g_hash_table_remove_all (self->counts);
  g_mutex_unlock (&self->lock);
}

void
core_test_server_reply (SoupServerMessage *msg,
                        guint              status,
                        const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gpointer
plain_server_thread (gpointer data)
{
  g_autoptr(GSocket) listener = data;
  g_autoptr(GSocket) connection = g_socket_accept (listener, NULL, NULL);
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  char buffer[4096];

  if (connection != NULL)
    {
      g_socket_receive (connection, buffer, sizeof buffer, NULL, NULL);
      g_socket_send (connection, answer, strlen (answer), NULL, NULL);
      g_socket_close (connection, NULL);
    }
  return NULL;
}

guint16
core_test_plain_server_start (GThread **thread)
{
  g_autoptr(GError) error = NULL;
  GSocket *listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (listener, any, FALSE, &error));
  g_assert_true (g_socket_listen (listener, &error));
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  *thread = g_thread_new ("plain-server", plain_server_thread, listener);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
