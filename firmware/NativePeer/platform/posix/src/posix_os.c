/* The OS seam on pthreads, and the processing thread. */
#include <errno.h>
#include <time.h>

#include "nf_posix.h"

uint32_t nf_posix_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint32_t)((uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u);
}

static void os_lock(void *ctx) { pthread_mutex_lock(&((struct nf_posix_os *)ctx)->lock); }
static void os_unlock(void *ctx) { pthread_mutex_unlock(&((struct nf_posix_os *)ctx)->lock); }

/* The host has no interrupt context: the UDP thread stands in for it, so a mutex is fine here. */
static void os_wake(void *ctx, enum nf_os_event event)
{
    struct nf_posix_event *e = &((struct nf_posix_os *)ctx)->events[event];
    pthread_mutex_lock(&e->mutex);
    e->set = true;
    pthread_cond_broadcast(&e->cond);
    pthread_mutex_unlock(&e->mutex);
}

static bool os_wait(void *ctx, enum nf_os_event event, int32_t timeout_ms)
{
    struct nf_posix_event *e = &((struct nf_posix_os *)ctx)->events[event];
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (timeout_ms > 0) {
        deadline.tv_sec += timeout_ms / 1000;
        deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&e->mutex);
    int rc = 0;
    while (!e->set && timeout_ms != 0 && rc != ETIMEDOUT) {
        rc = timeout_ms < 0 ? pthread_cond_wait(&e->cond, &e->mutex) : pthread_cond_timedwait(&e->cond, &e->mutex, &deadline);
    }
    bool was_set = e->set;
    e->set = false;
    pthread_mutex_unlock(&e->mutex);
    return was_set;
}

static uint32_t os_now(void *ctx)
{
    (void)ctx;
    return nf_posix_now_ms();
}

static bool os_in_processing(void *ctx)
{
    struct nf_posix_os *os = ctx;
    return os->processing_started && pthread_equal(os->processing, pthread_self());
}

void nf_posix_os_init(struct nf_posix_os *os, struct nf_os *out)
{
    pthread_mutex_init(&os->lock, NULL);
    for (int i = 0; i < 2; i++) {
        pthread_condattr_t attr;
        pthread_condattr_init(&attr);
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
        pthread_mutex_init(&os->events[i].mutex, NULL);
        pthread_cond_init(&os->events[i].cond, &attr);
        pthread_condattr_destroy(&attr);
        os->events[i].set = false;
    }
    os->processing_started = false;
    out->lock = os_lock;
    out->unlock = os_unlock;
    out->wake = os_wake;
    out->wait = os_wait;
    out->now_ms = os_now;
    out->in_processing_context = os_in_processing;
    out->ctx = os;
}

void nf_posix_os_destroy(struct nf_posix_os *os)
{
    for (int i = 0; i < 2; i++) {
        pthread_cond_destroy(&os->events[i].cond);
        pthread_mutex_destroy(&os->events[i].mutex);
    }
    pthread_mutex_destroy(&os->lock);
}

static void *run(void *arg)
{
    struct nf_posix_runner *runner = arg;
    int32_t next = 0;
    while (!runner->stop) {
        /* Bounded even when the core wants no timer: the stop flag is checked at least every 100 ms. */
        int32_t wait = next < 0 || next > 100 ? 100 : next;
        if (next != 0) {
            os_wait(runner->os, NF_OS_EVENT_WORK, wait);
        }
        if (runner->stop) {
            break;
        }
        next = nf_ipc_process(runner->instance);
    }
    return NULL;
}

int nf_posix_runner_start(struct nf_posix_runner *runner, struct nf_ipc_instance *instance, struct nf_posix_os *os)
{
    runner->instance = instance;
    runner->os = os;
    runner->stop = false;
    /* Hold the instance lock so in_processing_context sees the thread id before the thread runs. */
    pthread_mutex_lock(&os->lock);
    int rc = pthread_create(&os->processing, NULL, run, runner);
    os->processing_started = rc == 0;
    pthread_mutex_unlock(&os->lock);
    return rc;
}

void nf_posix_runner_stop(struct nf_posix_runner *runner)
{
    runner->stop = true;
    os_wake(runner->os, NF_OS_EVENT_WORK);
    if (runner->os->processing_started) {
        pthread_join(runner->os->processing, NULL);
    }
}
