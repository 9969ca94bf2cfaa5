import { type Entity, topicPath } from '../../domain/entity.js';

/** The story's "Topics" line: the confirmed people, organizations and places it names, each linking to its topic page. */
export function TopicsLine({ topics }: { topics: readonly Pick<Entity, 'slug' | 'name'>[] }) {
  if (topics.length === 0) return null;
  return (
    <nav class="story-topics" aria-labelledby="story-topics-heading">
      <h2 id="story-topics-heading" class="story-topics-heading">
        Topics
      </h2>
      <ul>
        {topics.map((topic) => (
          <li key={topic.slug}>
            <a href={topicPath(topic)}>{topic.name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
