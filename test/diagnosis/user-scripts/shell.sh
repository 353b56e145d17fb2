#!/bin/sh
echo "{\"shell\": true}"
