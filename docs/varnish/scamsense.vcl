vcl 4.1;
# Varnish in front of ScamSense (Debian's varnish 7.x). What it keeps is decided by the app:
# anonymous public pages say "Cache-Control: public, max-age=0, s-maxage=N" (page_cache/cdn.py);
# everything else (admin, API, /go, editors' requests, answers setting a cookie) passes.
# Purges: the app sends "PURGE <path>" (wagtail.contrib.frontend_cache, FRONTEND_CACHE_URL
# pointing here); a PURGE bans that path and everything under it on that host, so PURGE /
# empties the site (publishing changes lists and banners on every page).
# Used as is by bench/cluster.py, which rewrites only the backend's port.


backend app {
    .host = "127.0.0.1";
    .port = "8080";            # the load balancer (HAProxy / nginx) in front of gunicorn
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
    # add the app servers' addresses here
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # The path is a prefix; dots in slugs match any character, which only purges more.
        ban("req.http.host == " + req.http.host + " && req.url ~ ^" + req.url);
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # /embed/: a partner's frame, whose Content-Security-Policy depends on the tracking link.
    if (req.url ~ "^/(admin|django-admin|api|go|embed|documents|healthz|readyz)(/|$|\?)"
        || req.url ~ "^/[^/]+/_util/") {
        return (pass);
    }
    # Editors (a session) and anyone sending credentials go to the app every time.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Other cookies (CSRF token, analytics) never change an anonymous page: drop them so
    # every anonymous visitor shares one cached copy.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Keep only what the app marked shareable; Varnish's own defaults would also keep
    # answers without Cache-Control for 2 minutes.
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;   # remember "do not cache" for this URL (hit-for-miss)
        return (deliver);
    }
    set beresp.grace = 1m;       # serve a stale copy for a minute if the app is down
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
