vcl 4.1;

# Dateline behind Varnish 7 with the xkey vmod (Debian: apt-get install varnish varnish-modules).
# See docs/deploy.md. `dateline cluster` writes a copy of this file with its own nodes between the
# `dateline:` markers; in production, list your app nodes there and your purgers in the ACL.
#
# What it does: reader pages are cached by the Cache-Control the nodes send and purged by the keys
# in their `xkey` header (hard purge for kills, soft purge for updates); the newsroom, the wire
# push endpoint and anything with credentials go straight to a node; a dead or dying node costs
# readers nothing (health probes, retries on another node, stale copies while nodes are down).

import std;
import directors;
import xkey;

# Every node answers /healthz with 200 while it can reach the database and hear changes, 503 when not.
probe dateline_health {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

# dateline:backends:start
backend node1 {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = dateline_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

backend node2 {
    .host = "127.0.0.1";
    .port = "3002";
    .probe = dateline_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}
# dateline:backends:end

# Who may send PURGE: this machine, and the app nodes' addresses when they run elsewhere.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    # dateline:purgers:start
    # dateline:purgers:end
}

sub vcl_init {
    new nodes = directors.round_robin();
    # dateline:director:start
    nodes.add_backend(node1);
    nodes.add_backend(node2);
    # dateline:director:end
}

sub vcl_recv {
    # Only our own restart (in vcl_synth) may ask for a stale copy.
    if (req.restarts == 0) {
        unset req.http.X-Dateline-Stale-If-Error;
    }
    # Only Varnish itself says a fetch is for the cache tier (set in vcl_backend_fetch).
    unset req.http.X-Dateline-Fetch;
    unset req.http.X-Cache;

    # Purges by key: `xkey-purge` removes the objects outright (kills: never served again, not
    # even stale); `xkey-softpurge` expires them but keeps them for grace (updates: a reader may
    # get the old copy once while the new one is fetched).
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "PURGE is not allowed from this address; add it to the purgers ACL."));
        }
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged));
        }
        if (req.http.xkey-softpurge) {
            set req.http.X-Purged = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.X-Purged));
        }
        return (synth(400, "Send the keys to purge in an xkey-purge or xkey-softpurge header."));
    }

    set req.backend_hint = nodes.backend();

    # WebSockets go to a node as a raw connection.
    if (req.http.Upgrade ~ "(?i)websocket") {
        return (pipe);
    }

    # The newsroom (its app, its API, previews) and the wire push endpoint keep their cookies
    # and are never cached.
    if (req.url ~ "^/admin(/|\?|$)" || req.url ~ "^/wire/") {
        return (pass);
    }
    # Anything sent with credentials is for that client alone.
    if (req.http.Authorization || req.http.X-Api-Key || req.url ~ "[?&]api_key=") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # A picture no visible story shows yet (a draft's, an embargoed story's) is served to the newsroom
    # by its session cookie and to no one else: such requests go to a node with the cookie, uncached.
    if (req.url ~ "^/media/" && req.http.Cookie ~ "(^|;\s*)dateline_session=") {
        return (pass);
    }
    # Reader pages use no cookies: a cookie left by any other site on this domain must not turn
    # every page into a miss.
    unset req.http.Cookie;
    # Campaign parameters do not change a page; one copy serves every link.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }

    # Grace: while any node is healthy an expired page is served for at most 10 s while a fresh one
    # is fetched in the background; when every node is down (or a fetch just failed, see
    # vcl_synth), readers get the last copy for up to a day rather than an error.
    if (req.http.X-Dateline-Stale-If-Error || !std.healthy(req.backend_hint)) {
        set req.grace = 24h;
    } else {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_pipe {
    if (req.http.Upgrade) {
        set bereq.http.Upgrade = req.http.Upgrade;
        set bereq.http.Connection = req.http.Connection;
    }
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.X-Cache = "hit-stale";
    } else {
        set req.http.X-Cache = "hit";
    }
}

sub vcl_miss {
    set req.http.X-Cache = "miss";
}

sub vcl_pass {
    set req.http.X-Cache = "pass";
}

sub vcl_backend_fetch {
    # Every attempt, retries included, asks the director again: a retry goes to the next node.
    set bereq.backend = nodes.backend();
    # The node renders from the database instead of its own page cache: a purge can reach Varnish
    # a moment before that node has heard of the change, and Varnish would keep its old copy.
    set bereq.http.X-Dateline-Fetch = "cache-tier";
}

sub vcl_backend_response {
    # A node that is shutting down or has lost its database answers 5xx: ask another one.
    if (beresp.status >= 500 && bereq.retries < 4 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    set beresp.http.X-Node = beresp.backend.name;
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Every node failed. Abandoned, not delivered: a delivered failure would replace the last good
    # copy, which vcl_synth now looks up again.
    if (beresp.status >= 500) {
        return (abandon);
    }
    # Not cacheable: by its status (400, 403, 429 ...), its Cache-Control, or a cookie it sets
    # (reader responses set none). Passed for a while, never handed to other readers.
    if (beresp.ttl <= 0s || beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    # A missing page may be a story under embargo or about to be published: keep it briefly.
    if (beresp.status == 404 && beresp.ttl > 5s) {
        set beresp.ttl = 5s;
    }
    # Keep every object a day past its TTL; req.grace (vcl_recv) decides how much of that is used.
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_backend_error {
    # The node refused the connection or died mid-response: try the next one.
    if (bereq.retries < 4 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    # Every attempt failed: vcl_synth answers (with the last good copy when there is one).
    return (abandon);
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.X-Cache;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.X-Purged = req.http.X-Purged;
    } else if (resp.status == 503 && req.restarts == 0 && req.http.X-Cache == "miss") {
        # No node could make the page: look again, accepting a copy up to a day old.
        set req.http.X-Dateline-Stale-If-Error = "1";
        return (restart);
    } else if (resp.status == 503) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        set resp.http.Retry-After = "10";
        synthetic({"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back in a moment</title></head>
<body><main><h1>Back in a moment</h1><p>The site could not be reached just now. Please try again in a few seconds.</p></main></body></html>
"});
    }
    set resp.http.X-Cache = "synth";
    return (deliver);
}
