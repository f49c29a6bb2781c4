/* Command line of nf-sim-link; names and defaults follow `nf-sim run`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_link.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: nf-sim-link --board BOARD --instance NAME --shm FILE --mode echo|source|sink|ping\n"
            "                   [--port-base N] [--endpoint NAME[,NAME...]]... [--count N] [--size N|MIN-MAX]\n"
            "                   [--zero-copy] [--check full|header] [--timeout MS] [--idle MS] [--dcache-alignment N]\n"
            "BOARD is a board key (sim/local) or file (boards/sim/local.overlay); exit 0 only when verified.\n");
}

static int problem(const char *text, const char *value)
{
    fprintf(stderr, "error: %s%s%s\n", text, value ? ": " : "", value ? value : "");
    return EXIT_SETUP;
}

static bool parse_number(const char *text, long min, long max, long *out)
{
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < min || value > max) {
        return false;
    }
    *out = value;
    return true;
}

static int parse_size(const char *text, struct size_range *out)
{
    char copy[64];
    snprintf(copy, sizeof(copy), "%s", text);
    char *dash = strchr(copy, '-');
    long min, max;
    if (dash != NULL) {
        *dash = '\0';
    }
    if (!parse_number(copy, 0, 65535, &min) || !parse_number(dash ? dash + 1 : copy, 0, 65535, &max) || min > max) {
        return problem("size is not N or MIN-MAX with MIN <= MAX", text);
    }
    if (min < (long)PATTERN_HEADER_SIZE) {
        return problem("size is below 8 bytes, the pattern header", text);
    }
    out->min = (uint32_t)min;
    out->max = (uint32_t)max;
    return 0;
}

static int add_endpoints(struct run_options *o, const char *list)
{
    static char storage[MAX_APP_ENDPOINTS][NF_IPC_MAX_NAME];
    const char *p = list;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        if (n > 0) {
            if (o->endpoint_count >= MAX_APP_ENDPOINTS || n >= NF_IPC_MAX_NAME) {
                return problem("too many endpoints or a name too long", list);
            }
            memcpy(storage[o->endpoint_count], p, n);
            storage[o->endpoint_count][n] = '\0';
            o->endpoints[o->endpoint_count] = storage[o->endpoint_count];
            o->endpoint_count++;
        }
        p += n;
        if (*p == ',') {
            p++;
        }
    }
    return 0;
}

int parse_options(int argc, char **argv, struct run_options *o)
{
    memset(o, 0, sizeof(*o));
    o->instance = "ipc0";
    o->port_base = -1;
    o->count = 1000;
    o->timeout_ms = 10000;
    o->idle_ms = 1000;
    o->dcache_alignment = -1;
    const char *mode = NULL;
    const char *size = NULL;
    long number;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = strcmp(arg, "--zero-copy") != 0 && strcmp(arg, "--help") != 0;
        if (takes && value == NULL) {
            return problem("option needs a value", arg);
        }
        if (strcmp(arg, "--board") == 0) {
            o->board = value;
        } else if (strcmp(arg, "--instance") == 0) {
            o->instance = value;
        } else if (strcmp(arg, "--shm") == 0) {
            o->shm = value;
        } else if (strcmp(arg, "--port-base") == 0) {
            if (!parse_number(value, 1, 65535 - 255, &number)) {
                return problem("--port-base is not a port number", value);
            }
            o->port_base = (int)number;
        } else if (strcmp(arg, "--mode") == 0) {
            mode = value;
        } else if (strcmp(arg, "--endpoint") == 0 || strcmp(arg, "--endpoints") == 0) {
            if (add_endpoints(o, value) != 0) {
                return EXIT_SETUP;
            }
        } else if (strcmp(arg, "--count") == 0) {
            if (!parse_number(value, 0, 100000000, &number)) {
                return problem("--count is not a number", value);
            }
            o->count = (uint32_t)number;
        } else if (strcmp(arg, "--size") == 0) {
            size = value;
        } else if (strcmp(arg, "--zero-copy") == 0) {
            o->zero_copy = true;
            continue;
        } else if (strcmp(arg, "--check") == 0) {
            if (strcmp(value, "full") != 0 && strcmp(value, "header") != 0) {
                return problem("--check is full or header", value);
            }
            o->header_check = strcmp(value, "header") == 0;
        } else if (strcmp(arg, "--timeout") == 0 || strcmp(arg, "--idle") == 0) {
            if (!parse_number(value, 1, 3600000, &number)) {
                return problem("--timeout and --idle must be at least 1 ms", value);
            }
            *(strcmp(arg, "--timeout") == 0 ? &o->timeout_ms : &o->idle_ms) = (int32_t)number;
        } else if (strcmp(arg, "--dcache-alignment") == 0) {
            if (!parse_number(value, 0, 4096, &number) || (number & (number - 1)) != 0) {
                return problem("--dcache-alignment is 0 or a power of two", value);
            }
            o->dcache_alignment = (int32_t)number;
        } else if (strcmp(arg, "--help") == 0) {
            usage();
            return EXIT_SETUP;
        } else {
            usage();
            return problem("unknown option", arg);
        }
        i++;
    }
    if (o->board == NULL || o->shm == NULL || mode == NULL) {
        usage();
        return problem("--board, --shm and --mode are required", NULL);
    }
    if (strcmp(mode, "echo") == 0) {
        o->mode = MODE_ECHO;
    } else if (strcmp(mode, "source") == 0) {
        o->mode = MODE_SOURCE;
    } else if (strcmp(mode, "sink") == 0) {
        o->mode = MODE_SINK;
    } else if (strcmp(mode, "ping") == 0) {
        o->mode = MODE_PING;
    } else {
        return problem("--mode is echo, source, sink or ping", mode);
    }
    if (parse_size(size != NULL ? size : (o->mode == MODE_PING ? "16" : "8-256"), &o->size) != 0) {
        return EXIT_SETUP;
    }
    if (o->endpoint_count == 0) {
        o->endpoints[0] = "ep0";
        o->endpoint_count = 1;
    }
    for (uint32_t i = 0; i < o->endpoint_count; i++) {
        for (uint32_t j = i + 1; j < o->endpoint_count; j++) {
            if (strcmp(o->endpoints[i], o->endpoints[j]) == 0) {
                return problem("--endpoint names an endpoint twice", o->endpoints[i]);
            }
        }
    }
    if (o->count == 0 && (o->mode == MODE_SOURCE || o->mode == MODE_PING)) {
        return problem("--count must be at least 1 (0 only for echo and sink)", NULL);
    }
    return 0;
}
