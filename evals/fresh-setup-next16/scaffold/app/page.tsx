export default function HomePage() {
  return <h1>Acme</h1>;
}
