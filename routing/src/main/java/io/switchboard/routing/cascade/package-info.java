/**
 * The personal-manager cascade from the seed articles: a known caller rings their personal manager together with
 * the backup managers, then the agent they last spoke with, then the group supervisor, then the queue.
 */
package io.switchboard.routing.cascade;
