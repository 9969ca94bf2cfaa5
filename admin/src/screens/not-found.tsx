import { Link } from '../components/link.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';

export function NotFound() {
  return (
    <>
      <ScreenTitle>Nothing here</ScreenTitle>
      <p>
        This newsroom address does not exist. <Link to="/">Go to the stories</Link>.
      </p>
    </>
  );
}
