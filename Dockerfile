# pullquote in a slim image: the studio and its render API on port 8080, or any other command.
#
#   docker build -t pullquote .
#   docker run --rm -p 8080:8080 pullquote                      # the built-in `paper` template
#   docker run --rm -p 8080:8080 -v "$PWD/brand:/brand:ro" pullquote \
#       studio /brand/brand.yaml --host 0.0.0.0 --port 8080     # a team's template
#
# The render API keeps no state between requests, so several containers behind any load balancer
# answer alike (see "Deploying the render API" in README.md).

FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
# Only the binary: the fonts and built-in templates are compiled into it.
RUN cargo build --release --locked --bin pullquote \
 && strip target/release/pullquote

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --no-create-home pullquote
COPY --from=build /src/target/release/pullquote /usr/local/bin/pullquote
USER pullquote
EXPOSE 8080
ENTRYPOINT ["pullquote"]
CMD ["studio", "--host", "0.0.0.0", "--port", "8080"]
