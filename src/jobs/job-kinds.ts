/**
 * Job kinds more than one folder names: the edges may not import each
 * other, so a kind enqueued in one (wire embargoes) and run by another
 * (the newsroom's scheduler) is spelled here.
 */
export const JOB_KINDS = {
  /** Publishes one scheduled story at its time; payload `{ articleId }`, key = the story id. */
  articlePublish: 'article.publish',
  /** The periodic sweep that publishes any scheduled story that is due. */
  articlePublishDue: 'article.publish-due',
  /** Sends one webhook delivery; payload `{ deliveryId }`, key = the delivery id. */
  webhookDeliver: 'webhook.deliver',
  /** Fetches one queued wire picture; payload `{ fetchId }`, key = the fetch id. */
  wirePicture: 'wire.picture',
  /** Finds one story's people, organizations and places, then ranks its related stories; payload `{ articleId }`, key = the story id. */
  relatedStory: 'related.story',
  /** Ranks one story's related stories again (a neighbour changed, an editor pinned one); payload `{ articleId }`, key = the story id. */
  relatedRefresh: 'related.refresh',
} as const;
