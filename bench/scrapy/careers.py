"""Crawls careers pages and the job pages they link to, as the scrapy benchmark's peer (docs/benchmarks.md).

    /usr/bin/python3 bench/scrapy/careers.py URLS_FILE CONCURRENCY

URLS_FILE holds one careers page per line. Politeness as JobStream's: robots.txt obeyed, at most 2 requests
at once and 0.1 s between request starts per site (a site is host and port, as JobStream counts an address),
CONCURRENCY requests at once in all. Every page is parsed (lxml, through Scrapy's selectors); nothing is
extracted beyond the links to follow and each job page's heading. Prints one JSON line: pages parsed,
failures, seconds from the spider's start to its end, and this process's CPU seconds in that time.
"""
import json
import resource
import sys
import time
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class SlotPerSite:
    """One download slot (politeness unit) per host and port; Scrapy's own is per host name alone."""

    def process_request(self, request, spider):
        request.meta.setdefault("download_slot", urlsplit(request.url).netloc)


class CareersSpider(scrapy.Spider):
    name = "careers"
    custom_settings = {"HTTPERROR_ALLOW_ALL": False}

    def __init__(self, urls, **kwargs):
        super().__init__(**kwargs)
        self.urls = urls
        self.pages = 0
        self.failures = 0
        self.headings = 0

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.closed_, signal=signals.spider_closed)
        return spider

    def opened(self, spider):
        self.started = time.monotonic()
        self.cpu = cpu_seconds()

    def closed_(self, spider):
        print(json.dumps({
            "pages": self.pages,
            "failures": self.failures,
            "headings": self.headings,
            "seconds": time.monotonic() - self.started,
            "cpu_seconds": cpu_seconds() - self.cpu,
        }), flush=True)

    def start_requests(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse_careers, errback=self.failed)

    def parse_careers(self, response):
        self.pages += 1
        for href in response.css("a::attr(href)").getall():
            if "/careers/jobs/" in href:
                yield response.follow(href, callback=self.parse_job, errback=self.failed)

    def parse_job(self, response):
        self.pages += 1
        if response.css("h1::text").get():
            self.headings += 1

    def failed(self, failure):
        self.failures += 1


def main():
    urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    concurrency = int(sys.argv[2])
    process = CrawlerProcess(settings={
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_DELAY": 0.1,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "DOWNLOAD_TIMEOUT": 10,
        "USER_AGENT": "JobStreamBenchmark/1.0 (Scrapy peer)",
        "DOWNLOADER_MIDDLEWARES": {"__main__.SlotPerSite": 50},
        "REACTOR_THREADPOOL_MAXSIZE": 20,
    })
    process.crawl(CareersSpider, urls=urls)
    process.start()


if __name__ == "__main__":
    main()
